// The FormField objects of the wire (edit output `form_data`, edit template `form_fields`), built from a
// PDF's AcroForm: key, description (tooltip or printed label), type, value, bbox of the first widget.
import { describeField } from './form-field-labels.ts';
import { loadDocument } from './load-document.ts';
import { openPdfForm, readFormFields, type FormFieldInfo } from './pdf-form-fields.ts';
import type { LoadedDocument } from './types.ts';

export interface WireFormField {
  key: string;
  description: string;
  type: string;
  value: string | null;
  bbox: { left: number; top: number; width: number; height: number; page: number };
}

export function toWireField(f: FormFieldInfo, description: string, value: string | null): WireFormField {
  const w = f.widgets[0];
  return {
    key: f.key,
    description,
    type: f.kind,
    value: value === '' ? null : value,
    bbox: w ? { left: w.left, top: w.top, width: w.width, height: w.height, page: w.page } : { left: 0, top: 0, width: 0, height: 0, page: 1 },
  };
}

/** Detect the form fields of a PDF (for edit templates). An empty list when it has no AcroForm. */
export async function detectFormFields(bytes: Uint8Array, filename: string): Promise<WireFormField[]> {
  const pdf = await openPdfForm(bytes);
  const fields = readFormFields(pdf);
  if (fields.length === 0) return [];
  let doc: LoadedDocument | null = null;
  try {
    doc = await loadDocument(bytes, { filename });
  } catch {
    doc = null; // labels are a nicety: without text lines, descriptions fall back to tooltips and names
  }
  return fields.map((f) => toWireField(f, describeField(f, doc), f.value));
}
