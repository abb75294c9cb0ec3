// Reads a PDF's AcroForm with @cantoo/pdf-lib: every field with its kind, current value, allowed values,
// tooltip, length limit, date-format hint and widget rectangles (page-relative, top-left origin, 0–1).
import {
  PDFButton, PDFCheckBox, PDFDict, PDFDocument, PDFDropdown, PDFHexString, PDFName, PDFOptionList, PDFRadioGroup,
  PDFSignature, PDFStream, PDFString, PDFTextField, type PDFField,
} from '@cantoo/pdf-lib';
import { RunFailure } from '../runs/failures.ts';

export type FormFieldKind = 'text' | 'checkbox' | 'radio' | 'dropdown' | 'listbox' | 'signature' | 'button';

export interface WidgetBox {
  page: number; // 1-based
  left: number;
  top: number;
  width: number;
  height: number;
  /** The radio/checkbox export value this widget turns on, when it has one. */
  onValue: string | null;
}

export interface FormFieldInfo {
  key: string;
  kind: FormFieldKind;
  value: string | null;
  /** Choice options (dropdown/listbox) or export values (radio/checkbox on-states). */
  options: string[];
  tooltip: string | null;
  maxLength: number | null;
  multiline: boolean;
  readOnly: boolean;
  editable: boolean; // dropdown that accepts free text
  /** Date format from an Acrobat AFDate_FormatEx/KeystrokeEx action, e.g. "mm/dd/yyyy". */
  dateFormat: string | null;
  widgets: WidgetBox[];
}

/** Open a PDF for form work. Owner-password-only encryption is opened; a user password → password_required. */
export async function openPdfForm(bytes: Uint8Array): Promise<PDFDocument> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  } catch (err) {
    throw new RunFailure('corrupt_document', `The PDF could not be read: ${(err as Error).message}`);
  }
  if (!doc.isEncrypted) return doc;
  let decrypted: PDFDocument;
  try {
    decrypted = await PDFDocument.load(bytes, { password: '', updateMetadata: false });
  } catch {
    throw new RunFailure('password_required', 'This PDF form is encrypted and cannot be opened without its password');
  }
  dropEncryptionObjects(decrypted);
  return decrypted;
}

/** After decrypting, remove the old /Encrypt dictionary and cross-reference streams (whose dictionaries
 *  repeat /Encrypt), so that the saved copy is a plain, unencrypted PDF. */
function dropEncryptionObjects(doc: PDFDocument): void {
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    const dict = obj instanceof PDFDict ? obj : obj instanceof PDFStream ? obj.dict : null;
    if (!dict) continue;
    const type = dict.get(PDFName.of('Type'));
    const isXref = type instanceof PDFName && type.asString() === '/XRef';
    const isEncrypt = dict.has(PDFName.of('Filter')) && dict.has(PDFName.of('O')) && dict.has(PDFName.of('U')) && dict.has(PDFName.of('P'));
    if (isXref || isEncrypt) doc.context.delete(ref);
  }
}

export function readFormFields(doc: PDFDocument): FormFieldInfo[] {
  const pageOf = widgetPages(doc);
  const pages = doc.getPages();
  const out: FormFieldInfo[] = [];
  for (const field of doc.getForm().getFields()) {
    const info = describeField(field);
    for (const w of field.acroField.getWidgets()) {
      let idx = pageOf.get(w.dict);
      if (idx === undefined) {
        const pref = w.P();
        idx = pref ? pages.findIndex((p) => p.ref === pref) : -1;
      }
      if (idx === undefined || idx < 0) idx = 0;
      const page = pages[idx];
      if (!page) continue;
      const box = page.getCropBox();
      const r = w.getRectangle();
      const onValue = w.getOnValue()?.decodeText() ?? null;
      info.widgets.push({
        page: idx + 1,
        left: clamp01((r.x - box.x) / box.width),
        top: clamp01((box.y + box.height - (r.y + r.height)) / box.height),
        width: clamp01(r.width / box.width),
        height: clamp01(r.height / box.height),
        onValue,
      });
    }
    out.push(info);
  }
  return out;
}

function describeField(field: PDFField): FormFieldInfo {
  const base: FormFieldInfo = {
    key: field.getName(), kind: 'text', value: null, options: [], tooltip: tooltipOf(field.acroField.dict),
    maxLength: null, multiline: false, readOnly: field.isReadOnly(), editable: false, dateFormat: null, widgets: [],
  };
  if (field instanceof PDFTextField) {
    base.value = field.getText() ?? null;
    base.maxLength = field.getMaxLength() ?? null;
    base.multiline = field.isMultiline();
    base.dateFormat = dateFormatOf(field.acroField.dict);
  } else if (field instanceof PDFCheckBox) {
    base.kind = 'checkbox';
    base.value = field.isChecked() ? 'true' : 'false';
    base.options = [...new Set(field.acroField.getWidgets().map((w) => w.getOnValue()?.decodeText()).filter((v): v is string => !!v))];
  } else if (field instanceof PDFRadioGroup) {
    base.kind = 'radio';
    base.value = field.getSelected() ?? null;
    base.options = field.getOptions();
  } else if (field instanceof PDFDropdown) {
    base.kind = 'dropdown';
    base.value = field.getSelected()[0] ?? null;
    base.options = field.getOptions();
    base.editable = field.isEditable();
  } else if (field instanceof PDFOptionList) {
    base.kind = 'listbox';
    const sel = field.getSelected();
    base.value = sel.length > 0 ? sel.join(', ') : null;
    base.options = field.getOptions();
  } else if (field instanceof PDFSignature) {
    base.kind = 'signature';
  } else if (field instanceof PDFButton) {
    base.kind = 'button';
  }
  return base;
}

/** Map each widget annotation dict to the index of the page whose /Annots lists it. */
function widgetPages(doc: PDFDocument): Map<PDFDict, number> {
  const map = new Map<PDFDict, number>();
  doc.getPages().forEach((page, i) => {
    const annots = page.node.Annots();
    if (!annots) return;
    for (let j = 0; j < annots.size(); j++) {
      const d = annots.lookup(j);
      if (d instanceof PDFDict) map.set(d, i);
    }
  });
  return map;
}

function tooltipOf(dict: PDFDict): string | null {
  const tu = dict.lookup(PDFName.of('TU'));
  if (tu instanceof PDFString || tu instanceof PDFHexString) {
    const t = tu.decodeText().trim();
    return t.length > 0 ? t : null;
  }
  return null;
}

/** Acrobat date fields carry their format in a JavaScript action: AFDate_FormatEx("mm/dd/yyyy"). */
function dateFormatOf(dict: PDFDict): string | null {
  const aa = dict.lookup(PDFName.of('AA'));
  if (!(aa instanceof PDFDict)) return null;
  for (const key of ['F', 'K']) {
    const action = aa.lookup(PDFName.of(key));
    if (!(action instanceof PDFDict)) continue;
    const js = action.lookup(PDFName.of('JS'));
    let code = '';
    if (js instanceof PDFString || js instanceof PDFHexString) code = js.decodeText();
    else if (js instanceof PDFStream) code = new TextDecoder('latin1').decode(js.getContents());
    const m = /AFDate_(?:Format|Keystroke)Ex\s*\(\s*["']([^"']+)["']/.exec(code);
    if (m) return m[1];
  }
  return null;
}

function clamp01(n: number): number {
  return Math.round(Math.min(1, Math.max(0, n)) * 10000) / 10000;
}
