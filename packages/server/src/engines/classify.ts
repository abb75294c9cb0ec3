// The classification primitive (built-in local model): scores each requested category against the document's
// title, printed cues and words (engines/classify/*) and answers {reasoning, category}. `first_n_pages` limits
// what is read. consensus.likelihoods is the winner's share of the score mass for n_consensus 1; for n > 1,
// `choices` holds N different readings (whole document, title only, first page, cues only, words only, …);
// each votes with its own confidence and likelihoods is the winner's share of those weighted votes.
import type { LoadedDocument } from '../documents/types.ts';
import { RunFailure } from '../runs/failures.ts';
import { profileCategory, type Category } from './classify/category-profile.ts';
import { readingsFor, runReading, type ReadingResult } from './classify/readings.ts';
import { winnerShare } from './classify/score-categories.ts';
import { voteCategory } from './consensus/index.ts';
import { checkpoint, type Engine, type EngineContext, type EngineResult } from './types.ts';

export const classifyEngine: Engine = async (doc: LoadedDocument, params: Record<string, unknown>, ctx: EngineContext): Promise<EngineResult> => {
  const categories = readCategories(params.categories);
  const n = readConsensus(params.n_consensus);
  const limit = typeof params.first_n_pages === 'number' && params.first_n_pages >= 1 ? Math.floor(params.first_n_pages) : doc.pages.length;
  const pages = doc.pages.slice(0, Math.max(1, limit));
  const profiles = categories.map(profileCategory);
  const readings = readingsFor(pages.length, n);
  const results: ReadingResult[] = [];
  ctx.progress('classifying', 0, readings.length, 'readings');
  for (let i = 0; i < readings.length; i++) {
    checkpoint(ctx.signal);
    results.push(runReading(doc, pages, profiles, readings[i]));
    ctx.progress('classifying', i + 1, readings.length, 'readings');
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  checkpoint(ctx.signal);
  if (n === 1) {
    const r = results[0];
    return { output: { reasoning: r.reasoning, category: r.category }, consensus: { choices: [], likelihoods: winnerShare(r.ranked) } };
  }
  // Each reading votes with its confidence (its winner's share of the score mass), so a reading that found
  // nothing (a title region without a title) weighs little; a tie goes to the earliest reading.
  const vote = voteCategory(results.map((r) => ({ category: r.category, weight: Math.max(0.05, winnerShare(r.ranked)) })));
  const winner = vote.category;
  const decisive = results[vote.index];
  const agree = results.filter((r) => r.category === winner).length;
  const reasoning = `${decisive.reasoning} ${agree} of ${n} readings agree.`;
  return {
    output: { reasoning, category: winner },
    consensus: { choices: results.map((r) => ({ reasoning: r.reasoning, category: r.category })), likelihoods: vote.likelihood },
  };
};

export function readCategories(value: unknown): Category[] {
  if (!Array.isArray(value) || value.length === 0) throw new RunFailure('invalid_request', 'categories must be a non-empty list of {name, description}');
  return value.map((c, i) => {
    const name = c && typeof c === 'object' ? (c as Record<string, unknown>).name : undefined;
    if (typeof name !== 'string' || name.trim() === '') throw new RunFailure('invalid_request', `categories[${i}].name must be a non-empty string`);
    const description = (c as Record<string, unknown>).description;
    return { name, description: typeof description === 'string' ? description : '' };
  });
}

export function readConsensus(value: unknown): number {
  return typeof value === 'number' && value >= 1 ? Math.min(16, Math.floor(value)) : 1;
}
