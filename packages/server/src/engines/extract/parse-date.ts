// Parses dates as printed on documents into ISO yyyy-mm-dd: "August 3 , 2014", "7. Mai 2014", "8-9-2022",
// "26.04.2021", "2014-04-19", "31/12/2017", "03/20/2023", "26.10.22", month names in English, German,
// French, Dutch, Polish, Spanish and Italian. Also finds date tokens inside longer text.
import { norm } from './normalize.ts';

/** Day-month order for ambiguous numeric dates such as 03/04/2020. */
export type DateOrder = 'dmy' | 'mdy';

const MONTHS: string[][] = [
  ['january', 'jan', 'januar', 'janvier', 'janv', 'januari', 'styczen', 'stycznia', 'sty', 'enero', 'ene', 'gennaio', 'genn', 'jänner', 'janner'],
  ['february', 'feb', 'febr', 'februar', 'fevrier', 'fevr', 'fev', 'februari', 'luty', 'lutego', 'lut', 'febrero', 'febbraio'],
  ['march', 'mar', 'marz', 'maerz', 'mars', 'maart', 'mrt', 'marzec', 'marca', 'marzo'],
  ['april', 'apr', 'avril', 'avr', 'kwiecien', 'kwietnia', 'kwi', 'abril', 'abr', 'aprile'],
  ['may', 'mai', 'mei', 'maj', 'maja', 'mayo', 'maggio', 'mag'],
  ['june', 'jun', 'juni', 'juin', 'czerwiec', 'czerwca', 'cze', 'junio', 'giugno', 'giu'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'lipiec', 'lipca', 'lip', 'julio', 'luglio', 'lug'],
  ['august', 'aug', 'aout', 'augustus', 'sierpien', 'sierpnia', 'sie', 'agosto', 'ago'],
  ['september', 'sep', 'sept', 'septembre', 'wrzesien', 'wrzesnia', 'wrz', 'septiembre', 'settembre', 'set'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'pazdziernik', 'pazdziernika', 'paz', 'octubre', 'ottobre', 'ott'],
  ['november', 'nov', 'novembre', 'listopad', 'listopada', 'lis', 'noviembre'],
  ['december', 'dec', 'dez', 'dezember', 'decembre', 'grudzien', 'grudnia', 'gru', 'diciembre', 'dic', 'dicembre'],
];
const MONTH_BY_NAME = new Map<string, number>();
MONTHS.forEach((names, i) => names.forEach((n) => MONTH_BY_NAME.set(norm(n), i + 1)));
const MONTH_ALT = [...MONTH_BY_NAME.keys()].sort((a, b) => b.length - a.length).join('|');

export interface DateMatch {
  iso: string;
  raw: string;
  index: number;
}

const PATTERNS: { re: RegExp; build: (m: RegExpExecArray, order: DateOrder) => string | null }[] = [
  // 2014-04-19, 2014/04/19, 2014.04.19
  { re: new RegExp(String.raw`(?<!\d)(\d{4})[./\-](\d{1,2})[./\-](\d{1,2})(?!\d)`, 'g'), build: (m) => iso(+m[1], +m[2], +m[3]) },
  // 26.04.2021, 8-9-2022, 31/12/2017, 03/20/2023, 26.10.22
  {
    re: new RegExp(String.raw`(?<![\d.,/\-])(\d{1,2})([./\-])(\d{1,2})\2(\d{4}|\d{2})(?![\d,]|\.\d)`, 'g'),
    build: (m, order) => numericDate(+m[1], +m[3], m[4], m[2], order),
  },
  // 7. Mai 2014, 19 april 2014, 02 Juillet 2015, 1er juillet 2015, 3-Aug-2014, 17. Dezember 2025
  {
    re: new RegExp(String.raw`(?<![\d\p{L}])(\d{1,2})(?:er|st|nd|rd|th)?\.?(?:\s+de)?[\s\-.]*(${MONTH_ALT})\.?(?:\s+de)?[\s\-.,]*(\d{4})(?!\d)`, 'gu'),
    build: (m) => iso(+m[3], MONTH_BY_NAME.get(m[2]) ?? 0, +m[1]),
  },
  // August 3 , 2014, Jan 1, 2022, February 17, 2026
  {
    re: new RegExp(String.raw`(?<![\p{L}])(${MONTH_ALT})\.?\s*(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4})(?!\d)`, 'gu'),
    build: (m) => iso(+m[3], MONTH_BY_NAME.get(m[1]) ?? 0, +m[2]),
  },
];

/** All dates in `text`, in order of appearance (overlapping matches dropped). */
export function findDates(text: string, order: DateOrder = 'dmy'): DateMatch[] {
  const n = norm(text);
  const found: DateMatch[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(n); m; m = p.re.exec(n)) {
      const value = p.build(m, order);
      if (!value) continue;
      const index = m.index;
      const end = index + m[0].length;
      if (found.some((f) => index < f.index + f.raw.length && end > f.index)) continue;
      found.push({ iso: value, raw: text.slice(index, end), index });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Parse a string holding one date (possibly with a label or weekday around it). */
export function parseDate(text: string, order: DateOrder = 'dmy'): string | null {
  const all = findDates(text, order);
  return all.length > 0 ? all[0].iso : null;
}

/** Which numeric order a document uses, judged from its unambiguous dates (03/20/2023 → mdy). */
export function detectDateOrder(texts: string[]): DateOrder {
  let mdy = 0;
  let dmy = 0;
  const re = /(?<![\d.])(\d{1,2})([/\-.])(\d{1,2})\2(\d{2}|\d{4})(?!\d)/g;
  for (const t of texts) {
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      const a = +m[1];
      const b = +m[3];
      if (m[2] === '.') dmy++;
      else if (a > 12 && b <= 12) dmy++;
      else if (b > 12 && a <= 12) mdy++;
    }
  }
  return mdy > dmy ? 'mdy' : 'dmy';
}

function numericDate(a: number, b: number, yearText: string, sep: string, order: DateOrder): string | null {
  const year = yearText.length === 2 ? 2000 + +yearText : +yearText;
  if (yearText.length === 2 && sep !== '.' && sep !== '/') return null; // 12-10-22 is too often a reference
  let day = a;
  let month = b;
  if (a > 12 && b <= 12) [day, month] = [a, b];
  else if (b > 12 && a <= 12) [day, month] = [b, a];
  else if (order === 'mdy' && sep !== '.') [day, month] = [b, a];
  return iso(year, month, day);
}

function iso(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** An ISO date-time for format date-time fields: the date plus a printed time if one follows it. */
export function parseDateTime(text: string, order: DateOrder = 'dmy'): string | null {
  const d = findDates(text, order)[0];
  if (!d) return null;
  const after = text.slice(d.index + d.raw.length);
  const t = /^\D{0,12}?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?/i.exec(after);
  if (!t) return `${d.iso}T00:00:00`;
  let h = +t[1];
  if (t[4]?.toLowerCase() === 'pm' && h < 12) h += 12;
  if (t[4]?.toLowerCase() === 'am' && h === 12) h = 0;
  if (h > 23 || +t[2] > 59) return `${d.iso}T00:00:00`;
  return `${d.iso}T${String(h).padStart(2, '0')}:${t[2]}:${t[3] ?? '00'}`;
}
