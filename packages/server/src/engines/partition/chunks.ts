// Groups pages into chunks by the key value found on each page: a page joins the chunk of its value (and,
// with allow_overlap, the chunk of a second value it shows about as clearly); a page without a value joins
// the chunk of the page before it; pages before the first value form a chunk whose key is null.
import type { PageValue } from './page-values.ts';

export interface Chunk {
  key: string | null;
  pages: number[];
  keyLikelihood: number;
  pageLikelihoods: number[];
}

/** Likelihood of a page that joined a chunk only because it follows one of its pages. */
const JOINED = 0.5;
/** A second value counts (allow_overlap) when its score is this close to the page's best. */
const OVERLAP_MARGIN = 0.5;

export function chunkPages(perPage: PageValue[][], allowOverlap: boolean): Chunk[] {
  const chunks = new Map<string, Chunk>();
  const order: Chunk[] = [];
  let current: Chunk | null = null;
  const join = (chunk: Chunk, page: number, likelihood: number) => {
    if (chunk.pages.includes(page)) return;
    chunk.pages.push(page);
    chunk.pageLikelihoods.push(likelihood);
  };
  const chunkFor = (v: PageValue): Chunk => {
    let c = chunks.get(v.key);
    if (!c) {
      c = { key: v.value, pages: [], keyLikelihood: 0, pageLikelihoods: [] };
      chunks.set(v.key, c);
      order.push(c);
    }
    c.keyLikelihood = Math.max(c.keyLikelihood, v.likelihood);
    return c;
  };
  perPage.forEach((values, i) => {
    const page = i + 1;
    if (values.length === 0) {
      if (!current) {
        current = { key: null, pages: [], keyLikelihood: 0, pageLikelihoods: [] };
        order.push(current);
      }
      join(current, page, JOINED);
      return;
    }
    const [best, ...others] = values;
    current = chunkFor(best);
    join(current, page, best.likelihood);
    if (!allowOverlap) return;
    for (const v of others) {
      if (v.score >= best.score - OVERLAP_MARGIN && v.likelihood >= 0.5) join(chunkFor(v), page, v.likelihood);
    }
  });
  for (const c of order) {
    const sorted = c.pages.map((p, i) => [p, c.pageLikelihoods[i]] as const).sort((a, b) => a[0] - b[0]);
    c.pages = sorted.map((s) => s[0]);
    c.pageLikelihoods = sorted.map((s) => Math.round(s[1] * 100) / 100);
    c.keyLikelihood = Math.round(c.keyLikelihood * 100) / 100;
  }
  return order.sort((a, b) => a.pages[0] - b.pages[0]);
}
