// Normalised "views" of a string and the similarities built on them: two answers are the same string when
// they agree once case, spacing and punctuation are ignored, or on their digits (one side has no letters), on
// their letters (one side has no digits), or on their sorted tokens ("Acme Corp" / "corp, ACME").
export interface StringViews {
  raw: string;
  /** Lower-cased, NFKC, punctuation as spaces, spacing collapsed. */
  norm: string;
  /** Letters and digits only, lower-cased. */
  compact: string;
  digits: string;
  letters: string;
  /** Tokens of `norm`, sorted. */
  sorted: string;
}

export function stringViews(s: string): StringViews {
  const raw = s.trim();
  const norm = raw.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const compact = norm.replace(/ /g, '');
  return {
    raw,
    norm,
    compact,
    digits: compact.replace(/\D+/g, ''),
    letters: compact.replace(/[^\p{L}]+/gu, ''),
    sorted: norm.split(' ').filter(Boolean).sort().join(' '),
  };
}

/** Do two strings name the same thing under one of the views? */
export function sameByViews(a: StringViews, b: StringViews): boolean {
  if (a.raw === b.raw || a.compact === b.compact) return true;
  if (a.compact === '' || b.compact === '') return false;
  if (a.sorted === b.sorted) return true;
  // Digits-only: "Invoice 42183017" and "42183017" (letters only on one side); "INV-1" and "PO-1" differ.
  if (a.digits.length >= 3 && a.digits === b.digits && (a.letters === '' || b.letters === '')) return true;
  // Letters-only: "ACME Corp." and "ACME Corp 2" would not do; one side must have no digits at all.
  if (a.letters.length >= 3 && a.letters === b.letters && (a.digits === '' || b.digits === '')) return true;
  return false;
}

/** Graded similarity in [0, 1]: 1 identical, 0.95 same normalised text, 0.9 same by another view, else a
 *  character-bigram overlap scaled below the "same" threshold (used to align array items and pick medoids). */
export function stringSimilarity(a: string, b: string): number {
  const va = stringViews(a);
  const vb = stringViews(b);
  if (va.raw === vb.raw) return 1;
  if (va.norm === vb.norm) return 0.95;
  if (sameByViews(va, vb)) return 0.9;
  return 0.8 * dice(va.compact, vb.compact);
}

/** The similarity from which two strings count as one answer. */
export const SAME_STRING = 0.9;

function dice(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return a === b ? 1 : 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) grams.set(a.slice(i, i + 2), (grams.get(a.slice(i, i + 2)) ?? 0) + 1);
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      shared++;
      grams.set(g, n - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + b.length - 1);
}
