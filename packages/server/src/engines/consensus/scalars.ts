// Votes on one scalar field: booleans by majority, numbers clustered within 3 % of each other, strings
// clustered by their normalised views (exactly, after normalisation, for enums and formatted strings), and
// null as a vote of its own. The largest cluster wins (ties: a value over null, then the earliest vote); its
// medoid is the answer and its share of all votes the likelihood.
import type { ValueKind } from './schema-kind.ts';
import { SAME_STRING, stringSimilarity, stringViews } from './views.ts';

export const NUMBER_TOLERANCE = 0.03;

export interface ScalarVote {
  value: unknown;
  /** Share of all votes in the winning cluster, in [0, 1]. */
  share: number;
  /** Indexes of the votes in the winning cluster. */
  members: number[];
}

export function numbersClose(a: number, b: number): boolean {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 || Math.abs(a - b) <= NUMBER_TOLERANCE * scale;
}

/** Graded similarity of two scalar answers in [0, 1]; `sameScalar` is this at or above the "same" threshold. */
export function scalarSimilarity(a: unknown, b: unknown, kind: ValueKind = 'unknown'): number {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null) ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return 1;
    const rel = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    return numbersClose(a, b) ? 1 - rel : Math.max(0, 0.8 - rel);
  }
  if (typeof a === 'string' && typeof b === 'string') {
    if (kind === 'exact') return a === b ? 1 : stringViews(a).norm === stringViews(b).norm ? 0.95 : 0.8 * Math.min(1, stringSimilarity(a, b));
    return stringSimilarity(a, b);
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 1 : 0;
  return JSON.stringify(a) === JSON.stringify(b) ? 1 : 0;
}

export function sameScalar(a: unknown, b: unknown, kind: ValueKind = 'unknown'): boolean {
  if (typeof a === 'number' && typeof b === 'number') return numbersClose(a, b);
  return scalarSimilarity(a, b, kind) >= SAME_STRING;
}

export function voteScalar(values: unknown[], kind: ValueKind = 'unknown'): ScalarVote {
  const n = values.length;
  if (n === 0) return { value: null, share: 0, members: [] };
  const vals = values.map((v) => (v === undefined ? null : v));
  let best: number[] = [];
  let bestAt = -1;
  for (let i = 0; i < n; i++) {
    const members = vals.flatMap((v, j) => (sameScalar(vals[i], v, kind) ? [j] : []));
    const better = members.length > best.length || (members.length === best.length && vals[bestAt] === null && vals[i] !== null);
    if (better) {
      best = members;
      bestAt = i;
    }
  }
  return { value: vals[medoid(vals, best, kind)], share: best.length / n, members: best };
}

/** The member closest to all the others (ties: the earliest vote). */
function medoid(values: unknown[], members: number[], kind: ValueKind): number {
  let bestAt = members[0];
  let bestSum = -Infinity;
  for (const i of members) {
    const sum = members.reduce((s, j) => s + scalarSimilarity(values[i], values[j], kind), 0);
    if (sum > bestSum + 1e-9) {
      bestSum = sum;
      bestAt = i;
    }
  }
  return bestAt;
}
