// Partition with an LLM: one chunk per distinct value of `key` (e.g. each invoice number in a batch),
// with the pages where that record appears. Long documents go page-chunk by page-chunk; chunks with the
// same key value (compared trimmed and case-insensitively) are stitched into one. allow_overlap: false
// keeps each page in the first chunk that claims it. n_consensus: key values by majority of votes,
// pages by majority among the votes that found the key.
import { RunFailure } from '../../runs/failures.ts';
import { checkpoint } from '../types.ts';
import { additionalMessages, documentMessage, pageChunks, systemPrompt } from './document-prompt.ts';
import { consensusCount, type LlmEngine } from './llm-context.ts';
import { cleanPages, sortedUnion } from './page-ranges.ts';
import { askVotes } from './structured-call.ts';

interface Part {
  key: string;
  pages: number[];
}

const norm = (k: string) => k.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

export const llmPartition: LlmEngine = async (doc, params, ctx) => {
  if (typeof params.key !== 'string' || !params.key.trim()) throw new RunFailure('invalid_request', 'key must be a non-empty string');
  const n = consensusCount(params);
  const overlap = params.allow_overlap !== false;
  const system = systemPrompt(
    `Partition the document by "${params.key}": find every distinct value of ${params.key} and the pages (1-based) that belong to the record it identifies. ` +
      `Give the value exactly as printed.${overlap ? ' A page may belong to several records.' : ' Each page belongs to at most one record.'}`,
    params,
  );
  const schema = {
    type: 'object',
    properties: { partitions: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, pages: { type: 'array', items: { type: 'integer' } } }, required: ['key', 'pages'], additionalProperties: false } } },
    required: ['partitions'],
    additionalProperties: false,
  };
  const extra = additionalMessages(params);
  const chunks = pageChunks(ctx, doc, doc.pages.map((_, i) => i), [system, ...extra], schema);
  const votes: Part[][] = Array.from({ length: n }, () => []);
  for (let c = 0; c < chunks.length; c++) {
    checkpoint(ctx.signal);
    ctx.progress('partitioning', c, chunks.length, 'chunks');
    const allowed = new Set(chunks[c].map((i) => i + 1));
    const answers = (await askVotes(ctx, { name: 'partition', schema, messages: [system, documentMessage(doc, chunks[c]), ...extra] }, n)) as { partitions: Part[] }[];
    answers.forEach((a, k) => {
      for (const p of a.partitions) addPart(votes[k], { key: String(p.key).trim(), pages: cleanPages(p.pages, allowed) });
    });
  }
  ctx.progress('partitioning', chunks.length, chunks.length, 'chunks');
  const finish = (parts: Part[]) => (overlap ? parts : exclusive(parts)).filter((p) => p.key && p.pages.length);
  if (n === 1) {
    const output = finish(votes[0]);
    return { output, consensus: { choices: [], likelihoods: output.map((p) => ({ key: 1, pages: p.pages.map(() => 1) })) } };
  }
  const { output, likelihoods } = reconcile(votes, n);
  const final = finish(output);
  return { output: final, consensus: { choices: votes, likelihoods: final.map((p) => likelihoods.get(norm(p.key))!) } };
};

function addPart(into: Part[], p: Part): void {
  const same = into.find((x) => norm(x.key) === norm(p.key));
  if (same) same.pages = sortedUnion(same.pages, p.pages);
  else into.push(p);
}

function exclusive(parts: Part[]): Part[] {
  const taken = new Set<number>();
  return parts.map((p) => {
    const pages = p.pages.filter((x) => !taken.has(x));
    pages.forEach((x) => taken.add(x));
    return { key: p.key, pages };
  });
}

function reconcile(votes: Part[][], n: number): { output: Part[]; likelihoods: Map<string, { key: number; pages: number[] }> } {
  const keys = new Map<string, { key: string; count: number; firstPage: number }>();
  for (const v of votes) for (const p of v) {
    const k = norm(p.key);
    const e = keys.get(k) ?? { key: p.key, count: 0, firstPage: p.pages[0] ?? Infinity };
    e.count++;
    e.firstPage = Math.min(e.firstPage, p.pages[0] ?? Infinity);
    keys.set(k, e);
  }
  const output: Part[] = [];
  const likelihoods = new Map<string, { key: number; pages: number[] }>();
  for (const [k, e] of [...keys.entries()].sort((a, b) => a[1].firstPage - b[1].firstPage)) {
    if (e.count <= n / 2) continue;
    const found = votes.map((v) => v.find((p) => norm(p.key) === k)).filter((p): p is Part => Boolean(p));
    const tally = new Map<number, number>();
    for (const f of found) for (const pg of f.pages) tally.set(pg, (tally.get(pg) ?? 0) + 1);
    const pages = [...tally.entries()].filter(([, c]) => c > found.length / 2).map(([pg]) => pg).sort((a, b) => a - b);
    output.push({ key: e.key, pages });
    likelihoods.set(k, { key: Math.round((e.count / n) * 1000) / 1000, pages: pages.map((pg) => Math.round((tally.get(pg)! / n) * 1000) / 1000) });
  }
  return { output, likelihoods };
}
