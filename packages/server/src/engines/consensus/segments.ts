// Consensus for the page-labelling primitives. Classification: the category with the most (weighted)
// votes, its share as likelihood. Splits and partitions: each vote is a list of segments; segments are
// aligned across votes (same name and overlapping pages for splits, the same key for partitions), a segment
// kept by a majority of votes is voted on: its label by the string rules, each page by the share of votes
// that put it there. Likelihoods: one {name|key: share, pages: share per page} per output segment.
import { alignArrays } from './align.ts';
import { roundLikelihood } from './reconcile.ts';
import { scalarSimilarity, voteScalar } from './scalars.ts';

export interface CategoryVote {
  category: string;
  /** A vote's weight (its own confidence); 1 when omitted. */
  weight?: number;
}

/** The winning category, its share of the vote weight, and the first vote that chose it. */
export function voteCategory(votes: CategoryVote[]): { category: string; likelihood: number; index: number } {
  if (votes.length === 0) return { category: '', likelihood: 0, index: -1 };
  const totals = new Map<string, number>();
  let mass = 0;
  for (const v of votes) {
    const w = v.weight ?? 1;
    totals.set(v.category, (totals.get(v.category) ?? 0) + w);
    mass += w;
  }
  let index = 0;
  votes.forEach((v, i) => {
    if (totals.get(v.category)! > totals.get(votes[index].category)! + 1e-12) index = i;
  });
  const category = votes[index].category;
  return { category, likelihood: roundLikelihood(mass > 0 ? totals.get(category)! / mass : 0), index };
}

export interface SplitSegment {
  name: string;
  pages: number[];
  [extra: string]: unknown;
}

export interface PartitionChunk {
  key: string | null;
  pages: number[];
  [extra: string]: unknown;
}

export function reconcileSplits(choices: SplitSegment[][]): { value: SplitSegment[]; likelihoods: { name: number; pages: number[] }[] } {
  const r = reconcileSegments(choices, 'name', { exact: true, requireOverlap: true, exclusive: true });
  return { value: r.value as SplitSegment[], likelihoods: r.likelihoods.map((l) => ({ name: l.label, pages: l.pages })) };
}

export function reconcilePartitions(choices: PartitionChunk[][], opts: { allowOverlap?: boolean } = {}): { value: PartitionChunk[]; likelihoods: { key: number; pages: number[] }[] } {
  const r = reconcileSegments(choices, 'key', { exact: false, requireOverlap: false, exclusive: opts.allowOverlap === false });
  return { value: r.value as PartitionChunk[], likelihoods: r.likelihoods.map((l) => ({ key: l.label, pages: l.pages })) };
}

type Seg = Record<string, unknown> & { pages: number[] };

function reconcileSegments(choices: Seg[][], label: 'name' | 'key', o: { exact: boolean; requireOverlap: boolean; exclusive: boolean }) {
  const n = choices.length;
  const kind = o.exact ? 'exact' : 'string';
  const similarity = (a: unknown, b: unknown): number => {
    const x = a as Seg;
    const y = b as Seg;
    if (scalarSimilarity(x[label], y[label], kind) < 0.9) return 0;
    const overlap = jaccard(x.pages, y.pages);
    return o.requireOverlap && overlap === 0 ? 0 : 0.5 + 0.5 * overlap;
  };
  const kept: { seg: Seg; labelShare: number; pageCounts: Map<number, number> }[] = [];
  for (const slot of alignArrays(choices, similarity)) {
    if (!(slot.present * 2 > n || (slot.present * 2 === n && slot.entries[0] !== undefined))) continue;
    const entries = slot.entries as (Seg | undefined)[];
    // The label is voted among the votes that have the segment (a null key is a key); its share is over all n.
    const vote = voteScalar(entries.flatMap((e) => (e ? [e[label]] : [])), kind);
    const pageCounts = new Map<number, number>();
    for (const e of entries) for (const p of new Set(e?.pages ?? [])) pageCounts.set(p, (pageCounts.get(p) ?? 0) + 1);
    const pages = [...pageCounts.keys()].filter((p) => pageCounts.get(p)! * 2 > n || (pageCounts.get(p)! * 2 === n && (entries[0]?.pages.includes(p) ?? false)));
    const first = entries.find((e) => e !== undefined)!;
    kept.push({ seg: { ...first, [label]: vote.value, pages: pages.sort((a, b) => a - b) }, labelShare: vote.members.length / n, pageCounts });
  }
  if (o.exclusive) {
    // A page two kept segments claim stays with the one more votes put it in (the earlier one on a tie).
    const owner = new Map<number, number>();
    kept.forEach((k, i) => {
      for (const p of k.seg.pages) {
        const cur = owner.get(p);
        if (cur === undefined || k.pageCounts.get(p)! > kept[cur].pageCounts.get(p)!) owner.set(p, i);
      }
    });
    kept.forEach((k, i) => (k.seg.pages = k.seg.pages.filter((p) => owner.get(p) === i)));
  }
  const out = kept.filter((k) => k.seg.pages.length > 0).sort((a, b) => a.seg.pages[0] - b.seg.pages[0]);
  return {
    value: out.map((k) => k.seg),
    likelihoods: out.map((k) => ({ label: roundLikelihood(k.labelShare), pages: k.seg.pages.map((p) => roundLikelihood(k.pageCounts.get(p)! / n)) })),
  };
}

function jaccard(a: number[], b: number[]): number {
  const x = new Set(a);
  const y = new Set(b);
  let both = 0;
  for (const p of x) if (y.has(p)) both++;
  const union = x.size + y.size - both;
  return union === 0 ? 1 : both / union;
}
