// Text normalisation shared by label matching and value parsing: lower case, accents stripped, one output
// character per input character (so offsets found in the normalised text index the original text too).

const SPECIAL: Record<string, string> = {
  ł: 'l', Ł: 'l', ß: 's', ø: 'o', Ø: 'o', æ: 'a', Æ: 'a', œ: 'o', Œ: 'o', đ: 'd', Đ: 'd', ı: 'i',
  '\u00a0': ' ', '\u202f': ' ', '\u2009': ' ', '\u2007': ' ', '\t': ' ',
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '−': '-',
  '’': "'", '‘': "'", '`': "'", '´': "'", '“': '"', '”': '"', '„': '"', 'º': '°',
};

/** Lower-cased, accent-free copy of `s` with exactly the same length. */
export function norm(s: string): string {
  let out = '';
  for (const ch of s) {
    const special = SPECIAL[ch];
    if (special !== undefined) {
      out += pad(special, ch);
      continue;
    }
    const base = ch.normalize('NFD').charAt(0).toLowerCase();
    out += pad(base.length === 1 ? base : ch.toLowerCase(), ch);
  }
  return out;
}

// A character outside the BMP (emoji) is two UTF-16 units: keep the length identical.
function pad(mapped: string, original: string): string {
  const m = mapped.slice(0, original.length);
  return m.length < original.length ? m + ' '.repeat(original.length - m.length) : m;
}

/** Words of a schema property name: snake_case, camelCase, kebab-case and digits split apart. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9\u00C0-\u024F]+/)
    .map((w) => norm(w))
    .filter((w) => w.length > 0);
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
