// The date format a field wants, when it is clear: an Acrobat date action (AFDate_FormatEx), a format
// printed in its label or tooltip ("MM/DD/YYYY", "MONTH/DAY/YEAR", "JJ.MM.AAAA"), or an unambiguous
// date already in it. formatDate writes an ISO date in such a format.
import type { FormFieldInfo } from '../../documents/pdf-form-fields.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function wantedDateFormat(field: FormFieldInfo & { description: string; labelText: string | null }): { format: string } | null {
  if (field.dateFormat) return { format: field.dateFormat };
  for (const text of [field.tooltip, field.labelText, field.description]) {
    const f = text ? formatHint(text) : null;
    if (f) return { format: f };
  }
  const cur = field.value?.trim() ?? '';
  let m = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$/.exec(cur);
  if (m) {
    const [a, b] = [+m[1], +m[3]];
    if (a > 12 && b <= 12) return { format: `dd${m[2]}mm${m[2]}yyyy` };
    if (b > 12 && a <= 12) return { format: `mm${m[2]}dd${m[2]}yyyy` };
    return null;
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(cur);
  if (m) return { format: 'yyyy-mm-dd' };
  return null;
}

/** "MM/DD/YYYY" → "mm/dd/yyyy"; "MONTH/DAY/YEAR" → "mm/dd/yyyy"; "TT.MM.JJJJ" → "dd.mm.yyyy". */
function formatHint(text: string): string | null {
  const unit = String.raw`(mm|dd|yyyy|yy|month|day|year|jj|tt|jjjj|aaaa)`;
  const re = new RegExp(String.raw`\b${unit}\s*([./-])\s*${unit}\s*\2\s*${unit}\b`, 'i');
  const m = re.exec(text);
  if (!m) return null;
  const map = (u: string, i: number): string | null => {
    const s = u.toLowerCase();
    if (s === 'mm' || s === 'month') return 'mm';
    if (s === 'dd' || s === 'day' || s === 'tt' || (s === 'jj' && i < 2)) return 'dd';
    if (s === 'yyyy' || s === 'year' || s === 'jjjj' || s === 'aaaa') return 'yyyy';
    if (s === 'yy') return 'yy';
    return null;
  };
  const parts = [map(m[1], 0), map(m[3], 1), map(m[4], 2)];
  if (parts.some((p) => p === null) || new Set(parts).size !== 3) return null;
  return parts.join(m[2]);
}

/** Write "1990-03-04" in an Acrobat-style format: yyyy, yy, mmmm, mmm, mm, m, dd, d. */
export function formatDate(iso: string, format: string): string {
  const [y, mo, d] = iso.split('-').map(Number);
  return format.replace(/yyyy|yy|mmmm|mmm|mm|m|dd|d/gi, (tok) => {
    switch (tok.toLowerCase()) {
      case 'yyyy': return String(y).padStart(4, '0');
      case 'yy': return String(y % 100).padStart(2, '0');
      case 'mmmm': return MONTHS[mo - 1];
      case 'mmm': return MONTHS[mo - 1].slice(0, 3);
      case 'mm': return String(mo).padStart(2, '0');
      case 'm': return String(mo);
      case 'dd': return String(d).padStart(2, '0');
      default: return String(d);
    }
  });
}
