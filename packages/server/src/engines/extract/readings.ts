// Readings of the document for n_consensus: the local model is deterministic, so N votes come from N
// different ways of weighing the same evidence. Reading 0 is the normal pass (what n_consensus 1 returns);
// the others take a close runner-up instead of the best value, or prefer one kind of evidence (the value to
// the right of / inside the label's cell, the cell below a header, the first page, printed labels over
// fallbacks, table columns recognised from their content rather than their header).
import type { Candidate, Placement } from './candidates.ts';

export interface Reading {
  name: string;
  /** Take the rank-th distinct value (0 = the best) when its score is within RANK_MARGIN of the best. */
  rank: number;
  /** Prefer candidates with these placements when there are any. */
  placements?: Placement[];
  /** Prefer candidates found on the first page. */
  firstPage?: boolean;
  /** Map line-item columns from their content before their header. */
  contentColumns?: boolean;
}

/** How far below the best a runner-up may score and still be taken by a runner-up reading. */
export const RANK_MARGIN = 0.6;

export const FULL_READING: Reading = { name: 'full', rank: 0 };

const READINGS: Reading[] = [
  FULL_READING,
  { name: 'runner-up', rank: 1 },
  { name: 'label cell and right of it', rank: 0, placements: ['inline', 'right'], contentColumns: true },
  { name: 'below the label', rank: 0, placements: ['below', 'inline'] },
  { name: 'first page', rank: 0, firstPage: true },
  { name: 'printed labels only', rank: 0, placements: ['inline', 'right', 'below'] },
  { name: 'third choice', rank: 2 },
  { name: 'right of the label, runner-up', rank: 1, placements: ['inline', 'right'], contentColumns: true },
];

/** The first n readings; beyond the list, runner-ups of increasing rank. */
export function extractionReadings(n: number): Reading[] {
  return Array.from({ length: n }, (_, i) => READINGS[i] ?? { name: `choice ${i - READINGS.length + 4}`, rank: i - READINGS.length + 3 });
}

/** The candidates a reading looks at: the preferred subset when it is not empty, else all of them. */
export function preferredCandidates(candidates: Candidate[], reading: Reading | undefined): Candidate[] {
  if (!reading) return candidates;
  let out = candidates;
  if (reading.placements) {
    const preferred = out.filter((c) => reading.placements!.includes(c.placement));
    if (preferred.length > 0) out = preferred;
  }
  if (reading.firstPage) {
    const preferred = out.filter((c) => c.line.page === 1);
    if (preferred.length > 0) out = preferred;
  }
  return out;
}
