// Split with an LLM: which pages belong to which kind of subdocument. The model answers page ranges per
// subdocument instance; names outside the list are dropped, a name without allow_multiple_instances is
// merged into one instance. Long documents go chunk by chunk; each chunk after the first is told what the
// previous one ended with and says whether its first range continues it (then the two are stitched).
// n_consensus: votes are compared per page (each page's label by majority); likelihoods per instance are
// the mean agreement of its pages.
import { RunFailure } from '../../runs/failures.ts';
import { checkpoint } from '../types.ts';
import { additionalMessages, documentMessage, pageChunks, systemPrompt } from './document-prompt.ts';
import { consensusCount, type LlmEngine } from './llm-context.ts';
import { rangePages, sortedUnion } from './page-ranges.ts';
import { askVotes } from './structured-call.ts';

interface Sub {
  name: string;
  description: string;
  multiple: boolean;
}
export interface Segment {
  name: string;
  pages: number[];
}

export const llmSplit: LlmEngine = async (doc, params, ctx) => {
  const subs = readSubdocuments(params.subdocuments);
  const n = consensusCount(params);
  const list = subs.map((s) => `- ${s.name}${s.description ? `: ${s.description}` : ''}${s.multiple ? ' (may occur several times as separate instances)' : ''}`).join('\n');
  const system = systemPrompt(
    `Split the document into subdocuments of these kinds:\n${list}\nAnswer the consecutive page ranges (1-based, inclusive) of each subdocument instance in page order; every page belongs to exactly one range. ` +
      `When a part of the document is given, set continues_previous to true if its first range continues the subdocument the previous part ended with.`,
    params,
  );
  const names = subs.map((s) => s.name);
  const schema = {
    type: 'object',
    properties: {
      continues_previous: { type: 'boolean' },
      subdocuments: { type: 'array', items: { type: 'object', properties: { name: { type: 'string', enum: names }, start_page: { type: 'integer' }, end_page: { type: 'integer' } }, required: ['name', 'start_page', 'end_page'], additionalProperties: false } },
    },
    required: ['continues_previous', 'subdocuments'],
    additionalProperties: false,
  };
  const extra = additionalMessages(params);
  const all = doc.pages.map((_, i) => i);
  const chunks = pageChunks(ctx, doc, all, [system, ...extra], schema);
  const votes: Segment[][] = Array.from({ length: n }, () => []);
  let prev: string | null = null;
  for (let c = 0; c < chunks.length; c++) {
    checkpoint(ctx.signal);
    ctx.progress('splitting', c, chunks.length, 'chunks');
    const allowed = new Set(chunks[c].map((i) => i + 1));
    const note = prev ? [{ role: 'user' as const, content: `The previous part ended with a "${prev}" subdocument.` }] : [];
    const answers = (await askVotes(ctx, { name: 'split', schema, messages: [system, documentMessage(doc, chunks[c]), ...note, ...extra] }, n)) as { continues_previous: boolean; subdocuments: { name: string; start_page: number; end_page: number }[] }[];
    answers.forEach((a, k) => stitch(votes[k], a.subdocuments.map((s) => ({ name: s.name, pages: rangePages(s.start_page, s.end_page, allowed) })).filter((s) => s.pages.length), c > 0 && a.continues_previous));
    prev = votes[0].at(-1)?.name ?? prev;
  }
  ctx.progress('splitting', chunks.length, chunks.length, 'chunks');
  const normalised = votes.map((v) => mergeSingles(v, subs));
  if (n === 1) return { output: normalised[0], consensus: { choices: [], likelihoods: normalised[0].map((s) => ({ name: 1, pages: s.pages.map(() => 1) })) } };
  const { output, likelihoods } = reconcileSegments(normalised, doc.pages.length, subs);
  return { output, consensus: { choices: normalised, likelihoods } };
};

function stitch(into: Segment[], next: Segment[], continues: boolean): void {
  if (continues && into.length && next.length && into[into.length - 1].name === next[0].name) {
    into[into.length - 1].pages = sortedUnion(into[into.length - 1].pages, next[0].pages);
    next = next.slice(1);
  }
  into.push(...next);
}

/** A kind without allow_multiple_instances is one instance: its ranges are merged. */
function mergeSingles(segs: Segment[], subs: Sub[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) {
    const single = !subs.find((x) => x.name === s.name)?.multiple;
    const existing = single ? out.find((o) => o.name === s.name) : undefined;
    if (existing) existing.pages = sortedUnion(existing.pages, s.pages);
    else out.push({ name: s.name, pages: [...s.pages] });
  }
  return out;
}

/** Page-wise majority over the votes; consecutive pages with one label (and no vote starting a new instance there) form an instance. */
function reconcileSegments(votes: Segment[][], pageCount: number, subs: Sub[]): { output: Segment[]; likelihoods: { name: number; pages: number[] }[] } {
  const labelOf = (v: Segment[], p: number) => v.findIndex((s) => s.pages.includes(p));
  const out: Segment[] = [];
  const lk: { name: number; pages: number[] }[] = [];
  let prevKey = '';
  let cur = -1;
  for (let p = 1; p <= pageCount; p++) {
    const tally = new Map<string, number>();
    for (const v of votes) {
      const i = labelOf(v, p);
      if (i >= 0) tally.set(v[i].name, (tally.get(v[i].name) ?? 0) + 1);
    }
    if (tally.size === 0) continue;
    const [name, count] = [...tally.entries()].sort((a, b) => b[1] - a[1])[0];
    const starts = votes.filter((v) => v[labelOf(v, p)]?.name === name && v[labelOf(v, p)].pages[0] === p).length;
    const newInstance = !out.length || prevKey !== name || (starts > votes.length / 2 && subs.find((s) => s.name === name)?.multiple);
    if (newInstance) {
      const single = !subs.find((s) => s.name === name)?.multiple;
      const seen = single ? out.findIndex((o) => o.name === name) : -1;
      if (seen >= 0) cur = seen;
      else {
        out.push({ name, pages: [] });
        lk.push({ name: 0, pages: [] });
        cur = out.length - 1;
      }
    }
    out[cur].pages.push(p);
    lk[cur].pages.push(Math.round((count / votes.length) * 1000) / 1000);
    prevKey = name;
  }
  for (const l of lk) l.name = Math.round((l.pages.reduce((a, b) => a + b, 0) / l.pages.length) * 1000) / 1000;
  return { output: out, likelihoods: lk };
}

function readSubdocuments(value: unknown): Sub[] {
  if (!Array.isArray(value) || value.length === 0) throw new RunFailure('invalid_request', 'subdocuments must be a non-empty list of {name, description}');
  return value.map((v, i) => {
    const o = (v ?? {}) as Record<string, unknown>;
    if (typeof o.name !== 'string' || !o.name.trim()) throw new RunFailure('invalid_request', `subdocuments[${i}].name must be a non-empty string`);
    return { name: o.name, description: typeof o.description === 'string' ? o.description : '', multiple: o.allow_multiple_instances === true };
  });
}
