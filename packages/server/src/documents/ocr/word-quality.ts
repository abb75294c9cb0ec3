// How much a piece of text looks like real words: used to pick the upright orientation of a scan and to
// decide whether a PDF text layer is usable or garbage (wrong font encodings produce symbol soup).

const VOWEL = /[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœ]/i;

/** A token that reads as a word or a number (surrounding punctuation ignored). */
export function isWordLike(token: string): boolean {
  const t = token.replace(/^[("'“‘«\[]+|[)"'”’».,;:!?\]]+$/g, '');
  if (t.length === 0) return false;
  if (/^[$€£¥#]?[+-]?\d[\d.,:/%-]*$/.test(t)) return true; // numbers, dates, amounts
  if (!/^\p{L}+(?:[-'’.]\p{L}+)*\.?$/u.test(t)) return false; // letters only (hyphenated/apostrophe allowed)
  if (t.length === 1) return /^[aAI]$/.test(t);
  // Mixed case inside a word ("xOy", "aBc") is what misread or rotated text looks like; Title and UPPER are fine.
  const body = t.slice(1);
  if (/\p{Lu}/u.test(body) && /\p{Ll}/u.test(body)) return false;
  return VOWEL.test(t) || t.length <= 3 || /^\p{Lu}+$/u.test(t);
}

/** Share of whitespace-separated tokens that are word-like (0 when there are none). */
export function wordLikeRatio(text: string): { ratio: number; count: number; tokens: number } {
  const tokens = text.split(/\s+/).filter((t) => t.length > 0);
  const count = tokens.filter(isWordLike).length;
  return { ratio: tokens.length === 0 ? 0 : count / tokens.length, count, tokens: tokens.length };
}

/** Score of an OCR result: characters of confident word-like words (more text read well = higher). */
export function ocrScore(words: { text: string; confidence: number }[]): number {
  let score = 0;
  for (const w of words) {
    // Short tokens and capital clusters are what garbage reads as; count only longer confident words.
    if (w.confidence >= 70 && w.text.length >= 3 && isWordLike(w.text)) score += w.text.length * (w.confidence / 100);
  }
  return score;
}
