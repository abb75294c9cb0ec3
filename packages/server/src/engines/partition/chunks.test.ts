// Unit tests of the chunking rules (pure function of the per-page values).
import { describe, expect, it } from 'vitest';
import { chunkPages } from './chunks.ts';
import type { PageValue } from './page-values.ts';

const v = (value: string, score = 3, likelihood = 0.8): PageValue => ({ value, key: value.toLowerCase(), score, likelihood });

describe('chunkPages', () => {
  it('groups pages by value, valueless pages join the chunk before them, leading ones get key null', () => {
    const chunks = chunkPages([[], [v('A')], [], [v('B')], [v('A')]], true);
    expect(chunks.map((c) => [c.key, c.pages])).toEqual([
      [null, [1]],
      ['A', [2, 3, 5]],
      ['B', [4]],
    ]);
    expect(chunks[1].pageLikelihoods).toEqual([0.8, 0.5, 0.8]);
  });

  it('allow_overlap puts a page showing two values about as clearly in both chunks; off, only in its best', () => {
    const pages = [[v('A')], [v('A'), v('B', 2.8)], [v('B')], [v('B'), v('C', 1)]];
    expect(chunkPages(pages, true).map((c) => [c.key, c.pages])).toEqual([
      ['A', [1, 2]],
      ['B', [2, 3, 4]],
    ]);
    expect(chunkPages(pages, false).map((c) => [c.key, c.pages])).toEqual([
      ['A', [1, 2]],
      ['B', [3, 4]],
    ]);
  });
});
