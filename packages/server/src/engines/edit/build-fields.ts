// Prepares a PDF's form fields for matching: description (template override, tooltip or printed
// label), radio captions, and the normalised words of each naming source.
import { describeField, radioCaptions, widgetLabel } from '../../documents/form-field-labels.ts';
import type { FormFieldInfo } from '../../documents/pdf-form-fields.ts';
import type { LoadedDocument } from '../../documents/types.ts';
import type { EditField } from './coerce-value.ts';
import { isCodeName, words } from './text-match.ts';

export function buildEditFields(infos: FormFieldInfo[], doc: LoadedDocument | null, overrides: Map<string, string>): EditField[] {
  return infos.map((f) => {
    const w = f.widgets[0];
    const labelText = w && doc ? widgetLabel(doc, w, f.kind === 'checkbox' || f.kind === 'radio') : null;
    const description = overrides.get(f.key) ?? describeField(f, doc);
    const tooltip = [f.tooltip && /\p{L}{2}/u.test(f.tooltip) ? f.tooltip : '', overrides.get(f.key) ?? ''].join(' ');
    return {
      ...f,
      description,
      labelText,
      captions: f.kind === 'radio' ? radioCaptions(f, doc) : new Map(),
      nameWords: isCodeName(f.key) ? [] : words(f.key.split('.').slice(-2).join(' ')),
      tooltipWords: words(tooltip),
      labelWords: labelText ? words(labelText) : [],
    };
  });
}

/** Template form_fields (as on the wire) → key → description, to override detected descriptions. */
export function templateDescriptions(formFields: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!Array.isArray(formFields)) return out;
  for (const f of formFields) {
    const o = f as { key?: unknown; description?: unknown };
    if (typeof o?.key === 'string' && typeof o.description === 'string' && o.description.trim()) out.set(o.key, o.description.trim());
  }
  return out;
}
