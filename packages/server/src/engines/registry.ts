// Which engine serves which primitive. Primitives without an engine yet fail with `not_implemented`
// (an honest error, never a made-up output).
import { RunFailure } from '../runs/failures.ts';
import type { Primitive } from '../runs/types.ts';
import { loadDocument } from '../documents/load-document.ts';
import { editEngine } from './edit.ts';
import { loadEditDocument } from './edit/load-edit-document.ts';
import { classifyEngine } from './classify.ts';
import { extractEngine } from './extract.ts';
import { parseEngine } from './parse.ts';
import { partitionEngine } from './partition.ts';
import { splitEngine } from './split.ts';
import type { Engine } from './types.ts';

const notImplemented =
  (primitive: Primitive): Engine =>
  async () => {
    throw new RunFailure('not_implemented', `The '${primitive}' primitive has no engine yet in this Docket version; parse and extract are available`);
  };

const ENGINES: Record<Primitive, Engine> = {
  parse: parseEngine,
  extraction: extractEngine,
  classification: classifyEngine,
  split: splitEngine,
  partition: partitionEngine,
  edit: editEngine,
};

export function getEngine(primitive: Primitive): Engine {
  return ENGINES[primitive];
}

/** How a primitive's runs load their document: edits also accept DOCX, which they fill as XML. */
export function getDocumentLoader(primitive: Primitive): typeof loadDocument {
  return primitive === 'edit' ? loadEditDocument : loadDocument;
}
