// Writes values into a PDF's AcroForm with @cantoo/pdf-lib and saves it, fields kept fillable: text is
// drawn with the shipped Unicode font (embedded whole: subset: false) in the requested colour, set in
// each filled field's /DA so that regenerated appearances keep it.
import fontkit from '@pdf-lib/fontkit';
import {
  PDFCheckBox, PDFDropdown, PDFOptionList, PDFRadioGroup, PDFTextField, type PDFDocument, type PDFField,
} from '@cantoo/pdf-lib';
import { unicodeFontBytes } from './font.ts';

/** Apply `values` (field key → coerced value) and return the saved bytes. */
export async function fillPdf(doc: PDFDocument, values: Map<string, string>, color: string): Promise<Uint8Array> {
  // A form opened by decrypting it (owner password only) is saved unencrypted; object streams would
  // carry the old /Encrypt entry over into the new trailer, so write a classic xref table then.
  const useObjectStreams = !(doc.context as { isDecrypted?: boolean }).isDecrypted;
  if (values.size === 0) return doc.save({ updateFieldAppearances: false, useObjectStreams });
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(unicodeFontBytes(), { subset: false });
  const form = doc.getForm();
  const rgb = colorComponents(color);
  for (const field of form.getFields()) {
    const value = values.get(field.getName());
    if (value === undefined) continue;
    setColor(field, rgb);
    writeValue(field, value);
  }
  form.updateFieldAppearances(font);
  return doc.save({ updateFieldAppearances: false, useObjectStreams });
}

function writeValue(field: PDFField, value: string): void {
  if (field instanceof PDFTextField) {
    field.setText(value);
  } else if (field instanceof PDFCheckBox) {
    if (value === 'true') field.check();
    else field.uncheck();
  } else if (field instanceof PDFRadioGroup) {
    field.select(value);
  } else if (field instanceof PDFDropdown) {
    field.select(value);
  } else if (field instanceof PDFOptionList) {
    const picked = value.split(', ');
    field.select(field.isMultiselect() ? picked : picked[0]);
  }
}

/** Replace the colour operator of the field's (and its widgets') default appearance string. */
function setColor(field: PDFField, rgb: string): void {
  const recolor = (da: string | undefined) => `${(da ?? '/Helv 0 Tf').replace(/(?:[\d.]+\s+){0,3}[\d.]+\s+(?:g|rg|k)\b/g, '').trim()} ${rgb} rg`;
  field.acroField.setDefaultAppearance(recolor(field.acroField.getDefaultAppearance()));
  for (const w of field.acroField.getWidgets()) {
    const da = w.getDefaultAppearance();
    if (da !== undefined) w.setDefaultAppearance(recolor(da));
  }
}

/** "#000080" → "0 0 0.502". */
export function colorComponents(hex: string): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex) ?? ['', '00', '00', '80'];
  return [m[1], m[2], m[3]].map((h) => String(Math.round((parseInt(h, 16) / 255) * 1000) / 1000)).join(' ');
}
