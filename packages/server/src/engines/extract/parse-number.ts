// Parses amounts and quantities as printed on documents: 1,234.56 / 1.234,56 / 1 234,56 / 1'234.56 /
// (12.00) / -233.47 / 12.00- / "€ 4.904,94" / "Rs 1939" / "USD 4.11". Finds number tokens inside longer text.

/** Currency marks that may surround a number; stripped before parsing. */
const CURRENCY_MARK =
  /(?:[€$£¥₹₽₩₪₫₴₦₱฿]|\b(?:Rs\.?|INR|EUR|USD|GBP|PLN|CHF|JPY|CNY|CAD|AUD|SEK|NOK|DKK|CZK|HUF|RON|HKD|SGD|NZD|ZAR|BRL|MXN|TRY|AED|Kč|zł|zl|Fr\.?|CHF|euros?|dollars?)(?![\p{L}]))/giu;

export interface NumberMatch {
  value: number;
  /** The matched text (number with its sign and separators). */
  raw: string;
  index: number;
  /** Digits after the decimal separator (0 for an integer). */
  decimals: number;
}

// A number: digit groups separated by thin spaces/apostrophes (grouped form), or digits with . and ,.
const NUMBER_BODY = String.raw`\d{1,3}(?:[ \u00a0\u202f'’]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)*`;
const NUMBER_RE = new RegExp(String.raw`(\(\s*)?([-−–+]\s?)?(${NUMBER_BODY})(\s?-(?![\d\w]))?(\s*\))?`, 'gu');

/** Parse a whole string as one number (currency marks allowed around it). Null when it is not one number. */
export function parseNumber(text: string): number | null {
  const stripped = text.replace(CURRENCY_MARK, ' ').replace(/\s+/g, ' ').trim().replace(/[:=]$/, '').trim();
  if (stripped === '') return null;
  const all = findNumbers(stripped);
  if (all.length !== 1) return null;
  const m = all[0];
  // The number must be the whole remaining text (allowing sign and parentheses handled by findNumbers).
  const rest = (stripped.slice(0, m.index) + stripped.slice(m.index + m.raw.length)).trim();
  return rest === '' ? m.value : null;
}

/** All number tokens in `text`, in order. Tokens glued to letters (A12, 3DS) are skipped. */
export function findNumbers(text: string): NumberMatch[] {
  const out: NumberMatch[] = [];
  NUMBER_RE.lastIndex = 0;
  for (let m = NUMBER_RE.exec(text); m; m = NUMBER_RE.exec(text)) {
    const [whole, open, sign, body, trailingMinus, close] = m;
    const before = text.charAt(m.index - 1);
    const after = text.charAt(m.index + whole.length);
    if (/[\p{L}_/]/u.test(before) && !sign && !open) continue;
    if (/[\p{L}_]/u.test(after) && !/^[%°]/.test(after)) continue;
    if (after === '/' || (before === '/' && !sign)) continue; // part of a date or a reference like 1/2021
    if (/^-[\p{L}\d]/u.test(text.slice(m.index + whole.length)) && !trailingMinus) continue; // a code such as 1908-S
    const parsed = parseBody(body);
    if (parsed === null) continue;
    const negative = (sign !== undefined && /[-−–]/.test(sign)) || trailingMinus !== undefined || (open !== undefined && close !== undefined);
    let raw = whole;
    let index = m.index;
    // An unmatched parenthesis belongs to the surrounding text, not to the number.
    if (open !== undefined && close === undefined) {
      raw = raw.slice(open.length);
      index += open.length;
    }
    if (close !== undefined && open === undefined) raw = raw.slice(0, raw.length - close.length);
    out.push({ value: negative ? -parsed.value : parsed.value, raw: raw.trimEnd(), index, decimals: parsed.decimals });
  }
  return out;
}

/** Decide which separator is the decimal one. */
function parseBody(body: string): { value: number; decimals: number } | null {
  const compact = body.replace(/[ \u00a0\u202f'’]/g, '');
  const lastDot = compact.lastIndexOf('.');
  const lastComma = compact.lastIndexOf(',');
  let intPart: string;
  let frac = '';
  if (lastDot >= 0 && lastComma >= 0) {
    const decSep = lastDot > lastComma ? '.' : ',';
    const thouSep = decSep === '.' ? ',' : '.';
    const at = compact.lastIndexOf(decSep);
    intPart = compact.slice(0, at);
    frac = compact.slice(at + 1);
    if (intPart.includes(decSep)) return null;
    if (!groupsOk(intPart, thouSep)) return null;
    intPart = intPart.split(thouSep).join('');
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const parts = compact.split(sep);
    if (parts.length > 2) {
      if (!groupsOk(compact, sep)) return null;
      intPart = parts.join('');
    } else if (parts[1].length === 3 && parts[0] !== '0' && parts[0] !== '' && body.replace(/[^ '’]/g, '') === '') {
      intPart = parts.join(''); // 1,234 or 1.234: a thousands separator
    } else {
      intPart = parts[0];
      frac = parts[1];
    }
  } else {
    intPart = compact;
  }
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(frac)) return null;
  const value = Number(frac ? `${intPart}.${frac}` : intPart);
  return Number.isFinite(value) ? { value, decimals: frac.length } : null;
}

function groupsOk(s: string, sep: string): boolean {
  const groups = s.split(sep);
  return groups[0].length >= 1 && groups[0].length <= 3 && groups.slice(1).every((g) => g.length === 3);
}
