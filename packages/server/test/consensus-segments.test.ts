// Consensus for classification (weighted vote share), splits (segments aligned by name and overlapping
// pages, each page by majority, pages exclusive) and partitions (chunks aligned by key, overlap allowed).
import { describe, expect, it } from 'vitest';
import { reconcilePartitions, reconcileSplits, voteCategory } from '../src/engines/consensus/index.ts';

describe('classification', () => {
  const rows: [string, { category: string; weight?: number }[], string, number, number][] = [
    ['majority share', [{ category: 'invoice' }, { category: 'invoice' }, { category: 'receipt' }], 'invoice', 0.67, 0],
    ['weights decide', [{ category: 'invoice', weight: 0.2 }, { category: 'receipt', weight: 0.5 }, { category: 'invoice', weight: 0.2 }], 'receipt', 0.56, 1],
    ['tie: the earliest vote', [{ category: 'a' }, { category: 'b' }], 'a', 0.5, 0],
    ['the first vote of the winner is reported', [{ category: 'x' }, { category: 'y' }, { category: 'y' }], 'y', 0.67, 1],
  ];
  it.each(rows)('%s', (_, votes, category, likelihood, index) => expect(voteCategory(votes)).toEqual({ category, likelihood, index }));
});

describe('splits', () => {
  it('votes each segment and each page; likelihoods per segment', () => {
    const choices = [
      [{ name: 'invoice', pages: [1, 2] }, { name: 'receipt', pages: [3] }],
      [{ name: 'invoice', pages: [1, 2, 3] }],
      [{ name: 'invoice', pages: [1] }, { name: 'receipt', pages: [2, 3] }],
    ];
    expect(reconcileSplits(choices)).toEqual({
      value: [{ name: 'invoice', pages: [1, 2] }, { name: 'receipt', pages: [3] }],
      likelihoods: [{ name: 1, pages: [1, 0.67] }, { name: 0.67, pages: [0.67] }],
    });
  });
  it('two instances of one name stay apart (they do not overlap)', () => {
    const v = [{ name: 'invoice', pages: [1] }, { name: 'invoice', pages: [2, 3] }];
    const r = reconcileSplits([v, v, [{ name: 'invoice', pages: [1, 2, 3] }]]);
    expect(r.value).toEqual(v);
    // The single [1, 2, 3] segment aligns with the instance it overlaps most (pages 2–3).
    expect(r.likelihoods).toEqual([{ name: 0.67, pages: [0.67] }, { name: 1, pages: [1, 1] }]);
  });
  it('a page is given once, to the segment more votes put it in', () => {
    const r = reconcileSplits([[{ name: 'a', pages: [1, 2] }], [{ name: 'a', pages: [1, 2] }, { name: 'b', pages: [2, 3] }], [{ name: 'b', pages: [2, 3] }, { name: 'a', pages: [1] }]]);
    expect(r.value).toEqual([{ name: 'a', pages: [1, 2] }, { name: 'b', pages: [3] }]);
  });
});

describe('partitions', () => {
  it('aligns chunks by key (normalised), keeps majority chunks, and lets pages overlap', () => {
    const choices = [
      [{ key: 'INV-001', pages: [1, 2] }, { key: 'INV-002', pages: [2, 3] }],
      [{ key: 'inv 001', pages: [1, 2] }, { key: 'INV-002', pages: [3] }],
      [{ key: 'INV-001', pages: [1] }, { key: 'INV-002', pages: [2, 3] }, { key: 'INV-003', pages: [4] }],
    ];
    expect(reconcilePartitions(choices)).toEqual({
      value: [{ key: 'INV-001', pages: [1, 2] }, { key: 'INV-002', pages: [2, 3] }],
      likelihoods: [{ key: 1, pages: [1, 0.67] }, { key: 1, pages: [0.67, 1] }],
    });
  });
  it('without overlap a page stays in one chunk; a null key is a key like any other', () => {
    const choices = [
      [{ key: null, pages: [1] }, { key: 'A', pages: [2, 3] }],
      [{ key: null, pages: [1, 2] }, { key: 'A', pages: [2, 3] }],
      [{ key: 'A', pages: [1, 2, 3] }],
    ];
    expect(reconcilePartitions(choices, { allowOverlap: false })).toEqual({
      value: [{ key: null, pages: [1] }, { key: 'A', pages: [2, 3] }],
      likelihoods: [{ key: 0.67, pages: [0.67] }, { key: 1, pages: [1, 1] }],
    });
  });
});
