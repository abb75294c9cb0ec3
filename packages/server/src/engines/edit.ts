// The edit engine: fills a PDF's AcroForm (or a DOCX's {{placeholders}}) from natural-language
// instructions, and returns every field with its value and position plus the filled file as a data URI.
import { describeField } from '../documents/form-field-labels.ts';
import { toWireField, type WireFormField } from '../documents/form-field-wire.ts';
import { openPdfForm, readFormFields } from '../documents/pdf-form-fields.ts';
import { sniffFormat } from '../documents/sniff.ts';
import type { LoadedDocument } from '../documents/types.ts';
import { assignValues } from './edit/assign-values.ts';
import { buildEditFields, templateDescriptions } from './edit/build-fields.ts';
import { fillDocx, readDocx } from './edit/docx-fill.ts';
import { parseInstructions } from './edit/instructions.ts';
import { fillPdf } from './edit/pdf-fill.ts';
import { checkpoint, RunFailure, type Engine, type EngineContext } from './types.ts';

import { DOCX_MIME } from './edit/load-edit-document.ts';

export const editEngine: Engine = async (doc, params, ctx) => {
  const bytes = ctx.bytes;
  if (!bytes) throw new RunFailure('internal_error', 'The edit engine needs the document bytes');
  const instructions = String(params.instructions ?? '');
  const color = String((params.config as { color?: unknown } | null)?.color ?? '#000080');
  const mime = sniffFormat(bytes, doc.filename).mimeType;
  if (mime === 'application/pdf') return { output: await editPdf(bytes, doc, instructions, color, params, ctx), consensus: null };
  if (mime === DOCX_MIME) return { output: editDocx(bytes, doc.filename, instructions, ctx), consensus: null };
  throw new RunFailure('unsupported_format', 'Edits support PDF forms and DOCX documents with {{placeholders}}', { detected_mime_type: mime });
};

async function editPdf(bytes: Uint8Array, doc: LoadedDocument, instructions: string, color: string, params: Record<string, unknown>, ctx: EngineContext) {
  ctx.progress('reading form', 0, 3, 'steps');
  const pdf = await openPdfForm(bytes);
  const infos = readFormFields(pdf);
  if (infos.length === 0) {
    throw new RunFailure('no_form_fields', 'This PDF has no fillable form fields (no AcroForm); edits fill existing PDF form fields');
  }
  checkpoint(ctx.signal);
  ctx.progress('matching fields', 1, 3, 'steps');
  const fields = buildEditFields(infos, doc, templateDescriptions(params._template_form_fields));
  const values = assignValues(fields, parseInstructions(instructions), instructions);
  checkpoint(ctx.signal);
  ctx.progress('writing', 2, 3, 'steps');
  const filled = await fillPdf(pdf, values, color);
  checkpoint(ctx.signal);
  ctx.progress('writing', 3, 3, 'steps');
  const form_data: WireFormField[] = fields.map((f) => toWireField(f, f.description, values.get(f.key) ?? f.value));
  return { form_data, filled_document: dataFile(doc.filename, 'pdf', 'application/pdf', filled) };
}

function editDocx(bytes: Uint8Array, filename: string, instructions: string, ctx: EngineContext) {
  ctx.progress('reading document', 0, 2, 'steps');
  const pkg = readDocx(bytes);
  if (pkg.placeholders.length === 0) {
    throw new RunFailure('unsupported_format', 'This DOCX has no {{placeholders}} to fill; DOCX edits fill {{name}}-style placeholders');
  }
  const infos = pkg.placeholders.map((key) => ({
    key, kind: 'text' as const, value: null, options: [], tooltip: null, maxLength: null, multiline: false,
    readOnly: false, editable: false, dateFormat: null, widgets: [],
  }));
  const fields = buildEditFields(infos, null, new Map());
  const values = assignValues(fields, parseInstructions(instructions), instructions);
  checkpoint(ctx.signal);
  ctx.progress('writing', 1, 2, 'steps');
  const filled = fillDocx(pkg, values);
  ctx.progress('writing', 2, 2, 'steps');
  const form_data = infos.map((f) => toWireField(f, describeField(f, null), values.get(f.key) ?? null));
  return { form_data, filled_document: dataFile(filename, 'docx', DOCX_MIME, filled) };
}

function dataFile(filename: string, ext: string, mime: string, bytes: Uint8Array) {
  const base = filename.replace(/\.[^./\\]+$/, '') || 'document';
  return { filename: `${base}_filled.${ext}`, url: `data:${mime};base64,${Buffer.from(bytes).toString('base64')}` };
}
