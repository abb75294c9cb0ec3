// Edit (form filling) with an LLM: the local edit code finds the form's fields (PDF AcroForm fields with
// their labels, or DOCX {{placeholders}}) and writes the values; the model proposes each field's value
// from the instructions and the document text. Proposed values go through the local coercion (checkbox
// yes/no, radio/choice options, date formats, max lengths); a value that does not fit its field is left out.
import { describeField } from '../../documents/form-field-labels.ts';
import { toWireField, type WireFormField } from '../../documents/form-field-wire.ts';
import { openPdfForm, readFormFields, type FormFieldInfo } from '../../documents/pdf-form-fields.ts';
import { sniffFormat } from '../../documents/sniff.ts';
import type { LoadedDocument } from '../../documents/types.ts';
import { RunFailure } from '../../runs/failures.ts';
import { buildEditFields, templateDescriptions } from '../edit/build-fields.ts';
import { coerceValue, type EditField } from '../edit/coerce-value.ts';
import { fillDocx, readDocx } from '../edit/docx-fill.ts';
import { DOCX_MIME } from '../edit/load-edit-document.ts';
import { fillPdf } from '../edit/pdf-fill.ts';
import { checkpoint } from '../types.ts';
import { additionalMessages, documentMessage, pageChunks, systemPrompt } from './document-prompt.ts';
import type { LlmContext, LlmEngine } from './llm-context.ts';
import { callStructured } from './structured-call.ts';

const FILLABLE = new Set(['text', 'checkbox', 'radio', 'dropdown', 'listbox']);

export const llmEdit: LlmEngine = async (doc, params, ctx) => {
  const bytes = ctx.bytes;
  if (!bytes) throw new RunFailure('internal_error', 'The edit engine needs the document bytes');
  const color = String((params.config as { color?: unknown } | null)?.color ?? '#000080');
  const mime = sniffFormat(bytes, doc.filename).mimeType;
  if (mime === 'application/pdf') {
    ctx.progress('reading form', 0, 3, 'steps');
    const pdf = await openPdfForm(bytes);
    const infos = readFormFields(pdf);
    if (infos.length === 0) throw new RunFailure('no_form_fields', 'This PDF has no fillable form fields (no AcroForm); edits fill existing PDF form fields');
    const fields = buildEditFields(infos, doc, templateDescriptions(params._template_form_fields));
    ctx.progress('asking the model', 1, 3, 'steps');
    const values = await proposeValues(ctx, doc, params, fields);
    checkpoint(ctx.signal);
    ctx.progress('writing', 2, 3, 'steps');
    const filled = await fillPdf(pdf, values, color);
    ctx.progress('writing', 3, 3, 'steps');
    const form_data: WireFormField[] = fields.map((f) => toWireField(f, f.description, values.get(f.key) ?? f.value));
    return { output: { form_data, filled_document: dataFile(doc.filename, 'pdf', 'application/pdf', filled) }, consensus: null };
  }
  if (mime === DOCX_MIME) {
    const pkg = readDocx(bytes);
    if (pkg.placeholders.length === 0) throw new RunFailure('unsupported_format', 'This DOCX has no {{placeholders}} to fill; DOCX edits fill {{name}}-style placeholders');
    const infos: FormFieldInfo[] = pkg.placeholders.map((key) => ({ key, kind: 'text', value: null, options: [], tooltip: null, maxLength: null, multiline: false, readOnly: false, editable: false, dateFormat: null, widgets: [] }));
    const fields = buildEditFields(infos, null, new Map());
    const values = await proposeValues(ctx, doc, params, fields);
    checkpoint(ctx.signal);
    const filled = fillDocx(pkg, values);
    const form_data = infos.map((f) => toWireField(f, describeField(f, null), values.get(f.key) ?? null));
    return { output: { form_data, filled_document: dataFile(doc.filename, 'docx', DOCX_MIME, filled) }, consensus: null };
  }
  throw new RunFailure('unsupported_format', 'Edits support PDF forms and DOCX documents with {{placeholders}}', { detected_mime_type: mime });
};

async function proposeValues(ctx: LlmContext, doc: LoadedDocument, params: Record<string, unknown>, fields: EditField[]): Promise<Map<string, string>> {
  const open = fields.filter((f) => FILLABLE.has(f.kind) && !f.readOnly);
  const out = new Map<string, string>();
  if (open.length === 0) return out;
  const listing = open.map((f) => {
    const opts = f.kind === 'checkbox' ? ' (answer "yes" or "no")' : f.options.length ? ` (one of: ${f.options.map((o) => f.captions.get(o) ?? o).join(', ')})` : '';
    const fmt = f.dateFormat ? ` (date as ${f.dateFormat})` : f.maxLength ? ` (at most ${f.maxLength} characters)` : '';
    return `- ${f.key}: ${f.description || f.key}${opts}${fmt}${f.value ? ` [currently: ${f.value}]` : ''}`;
  });
  const system = systemPrompt(
    `The document is a form. Fill its fields from the user's instructions (and the document where the instructions refer to it). ` +
      `Fields (key: description):\n${listing.join('\n')}\nAnswer a value for each field the instructions determine; answer null for every other field (never invent data).`,
    { instructions: null },
  );
  const keys = open.map((f) => f.key);
  const schema = {
    type: 'object',
    properties: { values: { type: 'array', items: { type: 'object', properties: { key: { type: 'string', enum: keys }, value: { type: ['string', 'null'] } }, required: ['key', 'value'], additionalProperties: false } } },
    required: ['values'],
    additionalProperties: false,
  };
  const instructions = { role: 'user' as const, content: `Instructions:\n${String(params.instructions ?? '')}` };
  const extra = additionalMessages(params);
  const chunk = pageChunks(ctx, doc, doc.pages.map((_, i) => i), [system, instructions, ...extra], schema)[0] ?? [];
  const messages = chunk.length ? [system, documentMessage(doc, chunk), instructions, ...extra] : [system, instructions, ...extra];
  const answer = (await callStructured(ctx, { name: 'form_values', schema, messages, temperature: 0 })) as { values: { key: string; value: string | null }[] };
  for (const { key, value } of answer.values) {
    const field = open.find((f) => f.key === key);
    if (!field || value === null || value === '') continue;
    const fitted = coerceValue(field, value);
    if (fitted !== null) out.set(key, fitted);
  }
  return out;
}

function dataFile(filename: string, ext: string, mime: string, bytes: Uint8Array) {
  const base = filename.replace(/\.[^./\\]+$/, '') || 'document';
  return { filename: `${base}_filled.${ext}`, url: `data:${mime};base64,${Buffer.from(bytes).toString('base64')}` };
}
