// The partition primitive (built-in local model): reads the field named by `key` ("invoice number") on each
// page with the extract engine's label/value matching and groups the pages by its value (partition/chunks.ts:
// valueless pages join the chunk before them; leading valueless pages form a chunk with key null; with
// allow_overlap a page showing two values belongs to both). consensus.likelihoods per chunk: {key: the
// value's confidence, pages: each page's confidence (0.5 for a page that joined by position)}. n_consensus > 1:
// votes read the pages differently (labels of every tier, strong labels only, page headers only …); choices
// hold their chunks; the consensus module aligns them by key and votes (chunk kept by most votes, key
// likelihood = share of votes with it, a page's likelihood = share of votes that put it under that key).
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
  return { output: agreed.value, consensus: { choices, likelihoods: agreed.likelihoods } };
};

function toOutput(chunks: Chunk[]): { key: string | null; pages: number[] }[] {
  return chunks.map((c) => ({ key: c.key, pages: c.pages }));
}

function toLikelihoods(chunks: Chunk[]): { key: number; pages: number[] }[] {
  return chunks.map((c) => ({ key: c.keyLikelihood, pages: c.pageLikelihoods }));
}
