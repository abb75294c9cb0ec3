// Fits a value from the instructions to what a field accepts: checkboxes take yes/no, radio groups and
// choice lists only their options (or the captions printed beside them), date fields the format they
// show, length-limited fields at most their length. Returns null when the value does not fit.
import type { FormFieldInfo } from '../../documents/pdf-form-fields.ts';
import { findDates } from '../extract/parse-date.ts';
import { formatDate, wantedDateFormat } from './date-format.ts';
import { sameText, squash } from './text-match.ts';

export interface EditField extends FormFieldInfo {
  description: string;
  /** Label printed nearest the first widget (null when none was found). */
  labelText: string | null;
  /** Radio export value → caption printed beside its button. */
  captions: Map<string, string>;
  /** Normalised words of the name, tooltip and label, each source apart. */
  nameWords: string[];
  tooltipWords: string[];
  labelWords: string[];
}

const TRUE = new Set(['yes', 'y', 'true', '1', 'x', 'on', 'checked', 'check', 'ticked', 'tick', 'agree', 'agreed', 'accept', 'accepted', 'ok', 'oui', 'ja', 'si', 'selected']);
const FALSE = new Set(['no', 'n', 'false', '0', 'off', 'unchecked', 'none', 'disagree', 'decline', 'declined', 'non', 'nein', 'unselected']);

export function isTruthy(v: string): boolean | null {
  const s = squash(v);
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return null;
}

/** The value to write, normalised for the field, or null when it cannot go into this field. */
export function coerceValue(field: EditField, value: string): string | null {
  const v = value.trim();
  switch (field.kind) {
    case 'text':
      return coerceText(field, v);
    case 'checkbox': {
      const t = isTruthy(v);
      if (t !== null) return String(t);
      if (field.options.some((o) => sameText(o, v)) || sameText(field.description, v)) return 'true';
      return null;
    }
    case 'radio':
      return pickOption(field, v, true);
    case 'dropdown':
      return pickOption(field, v, false) ?? (field.editable && v.length > 0 ? v : null);
    case 'listbox': {
      const picked = v.split(/\s*[,;]\s*/).map((p) => pickOption(field, p, false));
      if (picked.some((p) => p === null) || picked.length === 0) return null;
      return [...new Set(picked)].join(', ');
    }
    default:
      return null; // signatures and buttons are not filled
  }
}

function coerceText(field: EditField, v: string): string | null {
  let out = v;
  const fmt = wantedDateFormat(field);
  if (fmt) {
    const order = /^m/i.test(fmt.format) ? 'mdy' : 'dmy';
    const found = findDates(v, order);
    if (found.length === 1 && found[0].raw.trim().length >= v.replace(/[.,]$/, '').trim().length - 2) out = formatDate(found[0].iso, fmt.format);
  }
  if (field.maxLength !== null && field.maxLength > 0 && out.length > field.maxLength) {
    const compact = out.replace(/[\s\-./()]/g, '');
    out = compact.length <= field.maxLength ? compact : [...out].slice(0, field.maxLength).join('');
  }
  return out;
}

/** Match a value to an option: exactly (loosely), by caption (radio), then by unique containment; truthy for one-option radios. */
function pickOption(field: EditField, v: string, radio: boolean): string | null {
  const opts = [...new Set(field.options)];
  const exact = opts.find((o) => o === v) ?? opts.find((o) => sameText(o, v));
  if (exact !== undefined) return exact;
  if (radio) {
    for (const [value, caption] of field.captions) if (sameText(caption, v)) return value;
    if (opts.length === 1 && isTruthy(v) === true) return opts[0];
  }
  const sv = squash(v);
  if (sv.length < 2) return null;
  const pool: [string, string][] = opts.map((o) => [o, squash(o)]);
  if (radio) for (const [value, caption] of field.captions) pool.push([value, squash(caption)]);
  const hits = new Set(pool.filter(([, s]) => s.length > 0 && (s.includes(sv) || sv.includes(s))).map(([o]) => o));
  return hits.size === 1 ? [...hits][0] : null;
}
