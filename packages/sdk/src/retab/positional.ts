// Maps Retab's positional `create(...)` arguments to Docket wire params (notes/retab-api.md §8).
// Default layout: @retab/node 1.0.149–1.0.156. Layout 'v1.0.157' drops image_resolution_dpi
// (extractions and parses), as 1.0.157–1.0.160 did. A lone options object also works.
import { DocketError } from '../core/errors.ts';
import { isMimeData } from '../documents/to-document.ts';
import { keysToSnake } from './case.ts';

export type RetabPrimitive = 'extractions' | 'parses' | 'classifications' | 'splits' | 'partitions' | 'edits';
export type PositionalLayout = 'v1.0.149' | 'v1.0.157';

const LAYOUT_149: Record<RetabPrimitive, readonly string[]> = {
  extractions: [
    'document', 'json_schema', 'model', 'image_resolution_dpi', 'instructions', 'n_consensus', 'metadata',
    'additional_messages', 'bust_cache', 'stream', 'background', 'chunking_keys',
  ],
  parses: ['document', 'model', 'table_parsing_format', 'image_resolution_dpi', 'instructions', 'bust_cache', 'background'],
  classifications: ['document', 'categories', 'model', 'first_n_pages', 'instructions', 'n_consensus', 'bust_cache', 'background'],
  splits: ['document', 'subdocuments', 'model', 'instructions', 'n_consensus', 'bust_cache', 'background'],
  partitions: ['document', 'key', 'instructions', 'model', 'n_consensus', 'allow_overlap', 'bust_cache', 'background'],
  edits: ['instructions', 'document', 'template_id', 'model', 'config', 'bust_cache', 'background'],
};

const LAYOUT_157: Record<RetabPrimitive, readonly string[]> = {
  ...LAYOUT_149,
  extractions: [
    'document', 'json_schema', 'model', 'instructions', 'n_consensus', 'metadata', 'additional_messages',
    'bust_cache', 'stream', 'background', 'chunking_keys',
  ],
  parses: ['document', 'model', 'table_parsing_format', 'instructions', 'bust_cache', 'background'],
};

export function positionalFields(primitive: RetabPrimitive, layout: PositionalLayout = 'v1.0.149'): readonly string[] {
  return (layout === 'v1.0.157' ? LAYOUT_157 : LAYOUT_149)[primitive];
}

/** True when the call is `create({...options})` rather than positional. */
export function isOptionsCall(primitive: RetabPrimitive, args: readonly unknown[]): boolean {
  if (args.length !== 1) return false;
  const a = args[0];
  if (typeof a !== 'object' || a === null || Array.isArray(a) || a instanceof URL || ArrayBuffer.isView(a)) return false;
  if (typeof Blob !== 'undefined' && a instanceof Blob) return false;
  if (primitive === 'edits') return true; // the first positional argument is the instructions string
  return 'document' in a && !isMimeData(a);
}

export function mapCreateArgs(
  primitive: RetabPrimitive,
  args: readonly unknown[],
  layout: PositionalLayout = 'v1.0.149',
): Record<string, unknown> {
  if (isOptionsCall(primitive, args)) return keysToSnake(args[0] as Record<string, unknown>);
  const fields = positionalFields(primitive, layout);
  if (args.length > fields.length) {
    throw new DocketError(`${primitive}.create takes at most ${fields.length} arguments, got ${args.length}`);
  }
  const params: Record<string, unknown> = {};
  fields.forEach((name, i) => {
    if (args[i] !== undefined) params[name] = args[i];
  });
  checkLayout(primitive, params, layout);
  return params;
}

/** Catches calls written for the other layout before they silently run with shifted flags. */
function checkLayout(primitive: RetabPrimitive, p: Record<string, unknown>, layout: PositionalLayout): void {
  const hint = layout === 'v1.0.149'
    ? "this looks like the @retab/node ≥1.0.157 argument order; pass { positionalLayout: 'v1.0.157' } to new Retab()"
    : "this looks like the @retab/node ≤1.0.156 argument order; drop positionalLayout: 'v1.0.157'";
  const bad = (field: string, expected: string) =>
    new DocketError(`${primitive}.create: argument "${field}" should be ${expected}; ${hint}`);
  if ('image_resolution_dpi' in p && typeof p.image_resolution_dpi !== 'number') throw bad('imageResolutionDpi', 'a number');
  if (primitive === 'extractions') {
    if ('additional_messages' in p && !Array.isArray(p.additional_messages) && p.additional_messages !== null) {
      throw bad('additionalMessages', 'an array');
    }
    if ('metadata' in p && (typeof p.metadata !== 'object' || Array.isArray(p.metadata))) throw bad('metadata', 'an object');
    if ('n_consensus' in p && typeof p.n_consensus !== 'number') throw bad('nConsensus', 'a number');
    if ('chunking_keys' in p && typeof p.chunking_keys !== 'object') throw bad('chunkingKeys', 'an object');
  }
}
