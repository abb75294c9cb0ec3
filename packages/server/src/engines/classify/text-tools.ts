// Word-level text tools for classification: tokenising normalised text, a light multilingual stemmer
// (English, German, French, Dutch suffixes) and stop words, so "invoices", "invoiced" and "invoice" meet.
import { norm } from '../extract/normalize.ts';

const STOP = new Set(
  (
    'a an the and or of to in on at by for from with without as is are was were be been being it its this that these those ' +
    'such any anything else other than not no yes into per via about which who whom what when where how all each every some ' +
    'der die das und oder von zu mit fur ein eine im am ist le la les un une des du de et ou en au aux pour par sur avec ' +
    'het een en of van voor met op il lo gli el los las y o con por para e'
  ).split(' '),
);

/** Lower-cased, accent-free words of `text` (letters and digits). */
export function words(text: string): string[] {
  return norm(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

/** Content words: no stop words, no pure numbers, at least two letters. */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => !STOP.has(w) && /\p{L}{2,}/u.test(w));
}

/** A light stem: plural and common derivational suffixes removed (never below four letters). */
export function stem(word: string): string {
  let w = word;
  const rules: [RegExp, string][] = [
    [/ies$/, 'y'], [/(ss)es$/, '$1'], [/(x|ch|sh)es$/, '$1'], [/([^s])s$/, '$1'],
    [/ing$/, ''], [/ed$/, ''], [/ment$/, ''], [/ation$/, ''], [/ungen$/, 'ung'], [/en$/, ''], [/er$/, ''], [/e$/, ''],
  ];
  for (const [re, rep] of rules) {
    const next = w.replace(re, rep);
    if (next !== w && next.length >= 4) {
      w = next;
    }
  }
  return w;
}

/** Stemmed content words, as a set. */
export function stemSet(text: string): Set<string> {
  return new Set(contentWords(text).map(stem));
}
