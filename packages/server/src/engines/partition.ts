// The partition primitive (built-in local model): reads the field named by `key` ("invoice number") on each
// page with the extract engine's label/value matching and groups the pages by its value (partition/chunks.ts:
// valueless pages join the chunk before them; leading valueless pages form a chunk with key null; with
// allow_overlap a page showing two values belongs to both). consensus.likelihoods per chunk: {key: the
// value's confidence, pages: each page's confidence (0.5 for a page that joined by position)}. n_consensus > 1:
// votes read the pages differently (labels of every tier, strong labels only, page headers only …); choices
// hold their chunks; the consensus module aligns them by key and votes (chunk kept by most votes, key
// likelihood = share of votes with it, a page's likelihood = share of votes that put it under that key); a page
// no kept chunk holds goes under the key the full reading gave it, so every page stays in a chunk.
import type { LoadedDocument } from '../documents/types.ts';
import { RunFailure } from '../runs/failures.ts';
import { chunkPages, type Chunk } from './partition/chunks.ts';
import { keySpec, readPageValues, type PageValue, type ReadOptions } from './partition/page-values.ts';
import { reconcilePartitions } from './consensus/index.ts';
import { checkpoint, type Engine, type EngineContext, type EngineResult } from './types.ts';

const VARIANTS: ReadOptions[] = [{}, { minTier: 3 }, { topOnly: true }, { minTier: 1 }, { minTier: 3, topOnly: true }];

export const partitionEngine: Engine = async (doc: LoadedDocument, params: Record<string, unknown>, ctx: EngineContext): Promise<EngineResult> => {
  if (typeof params.key !== 'string' || params.key.trim() === '') throw new RunFailure('invalid_request', 'key must be a non-empty string (the name of the field that identifies each chunk)');
  const spec = keySpec(params.key);
  const allowOverlap = params.allow_overlap !== false;
  const n = typeof params.n_consensus === 'number' && params.n_consensus >= 1 ? Math.min(16, Math.floor(params.n_consensus)) : 1;
  const variants = Array.from({ length: n }, (_, i) => VARIANTS[i % VARIANTS.length]);
  const distinct = [...new Set(variants)];
  const reads = new Map<ReadOptions, PageValue[][]>(distinct.map((v) => [v, []]));
  const total = doc.pages.length;
  ctx.progress('reading pages', 0, total, 'pages');
  for (const page of doc.pages) {
    checkpoint(ctx.signal);
    for (const v of distinct) reads.get(v)!.push(readPageValues(doc, page, spec, v));
    ctx.progress('reading pages', page.number, total, 'pages');
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  checkpoint(ctx.signal);
  const chunks = chunkPages(reads.get(variants[0])!, allowOverlap);
  if (n === 1) return { output: toOutput(chunks), consensus: { choices: [], likelihoods: toLikelihoods(chunks) } };
  const choices = variants.map((v) => toOutput(chunkPages(reads.get(v)!, allowOverlap)));
  // The consensus module aligns the votes' chunks by key, keeps those most votes have, votes on each page.
  const agreed = reconcilePartitions(choices, { allowOverlap });
  const covered = coverEveryPage(agreed.value, agreed.likelihoods, choices, total);
  return { output: covered.value, consensus: { choices, likelihoods: covered.likelihoods } };
};

type Out = { key: string | null; pages: number[] };
type Lk = { key: number; pages: number[] };

/** Every page belongs to a chunk: a page the vote left out goes under the key the first (full) reading gave
 *  it, into that key's chunk when one was kept, else a chunk of its own; likelihoods = share of the votes. */
function coverEveryPage(value: Out[], likelihoods: Lk[], choices: Out[][], total: number): { value: Out[]; likelihoods: Lk[] } {
  const out = value.map((c, i) => ({ key: c.key, pages: [...c.pages], lk: { key: likelihoods[i]?.key ?? 0, pages: [...(likelihoods[i]?.pages ?? [])] } }));
  const n = choices.length;
  for (let page = 1; page <= total; page++) {
    if (out.some((c) => c.pages.includes(page))) continue;
    const primary = choices[0].find((c) => c.pages.includes(page));
    if (!primary) continue;
    const agree = round(choices.filter((ch) => ch.some((c) => sameKey(c.key, primary.key) && c.pages.includes(page))).length / n);
    let chunk = out.find((c) => sameKey(c.key, primary.key));
    if (!chunk) {
      const withKey = round(choices.filter((ch) => ch.some((c) => sameKey(c.key, primary.key))).length / n);
      chunk = { key: primary.key, pages: [], lk: { key: withKey, pages: [] } };
      out.push(chunk);
    }
    chunk.pages.push(page);
    chunk.lk.pages.push(agree);
  }
  for (const c of out) {
    const order = c.pages.map((p, i) => [p, c.lk.pages[i]] as const).sort((a, b) => a[0] - b[0]);
    c.pages = order.map((o) => o[0]);
    c.lk.pages = order.map((o) => o[1]);
  }
  out.sort((a, b) => (a.pages[0] ?? 0) - (b.pages[0] ?? 0));
  return { value: out.map((c) => ({ key: c.key, pages: c.pages })), likelihoods: out.map((c) => c.lk) };
}

function sameKey(a: string | null, b: string | null): boolean {
  return a === b || (a !== null && b !== null && a.toLowerCase().replace(/[\s#]+/g, '') === b.toLowerCase().replace(/[\s#]+/g, ''));
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function toOutput(chunks: Chunk[]): { key: string | null; pages: number[] }[] {
  return chunks.map((c) => ({ key: c.key, pages: c.pages }));
}

function toLikelihoods(chunks: Chunk[]): { key: number; pages: number[] }[] {
  return chunks.map((c) => ({ key: c.keyLikelihood, pages: c.pageLikelihoods }));
}
