// Classification with an LLM: the categories (name + description) as an enum, the first pages of the
// document (first_n_pages, and at most what fits context_tokens: the opening of a document is what tells
// its kind), n_consensus votes by majority with the winning share as likelihood.
import { readCategories } from '../classify.ts';
import { checkpoint } from '../types.ts';
import { additionalMessages, documentMessage, pageChunks, systemPrompt } from './document-prompt.ts';
import { consensusCount, type LlmEngine } from './llm-context.ts';
import { askVotes } from './structured-call.ts';

export const llmClassify: LlmEngine = async (doc, params, ctx) => {
  const categories = readCategories(params.categories);
  const n = consensusCount(params);
  const limit = typeof params.first_n_pages === 'number' && params.first_n_pages >= 1 ? Math.floor(params.first_n_pages) : doc.pages.length;
  const pages = doc.pages.slice(0, Math.max(1, limit)).map((_, i) => i);
  const list = categories.map((c) => `- ${c.name}${c.description ? `: ${c.description}` : ''}`).join('\n');
  const system = systemPrompt(`Classify the document into exactly one of these categories:\n${list}\nGive a short reasoning (one or two sentences citing what in the document decides it), then the category name exactly as listed.`, params);
  const schema = {
    type: 'object',
    properties: { reasoning: { type: 'string' }, category: { type: 'string', enum: categories.map((c) => c.name) } },
    required: ['reasoning', 'category'],
    additionalProperties: false,
  };
  const extra = additionalMessages(params);
  const chunk = pageChunks(ctx, doc, pages, [system, ...extra], schema)[0];
  ctx.progress('classifying', 0, n, 'votes');
  const votes = (await askVotes(ctx, { name: 'classification', schema, messages: [system, documentMessage(doc, chunk), ...extra] }, n)) as { reasoning: string; category: string }[];
  checkpoint(ctx.signal);
  ctx.progress('classifying', n, n, 'votes');
  if (n === 1) return { output: votes[0], consensus: { choices: [], likelihoods: 1 } };
  const counts = new Map<string, number>();
  for (const v of votes) counts.set(v.category, (counts.get(v.category) ?? 0) + 1);
  const winner = votes.map((v) => v.category).sort((a, b) => counts.get(b)! - counts.get(a)!)[0];
  const decisive = votes.find((v) => v.category === winner)!;
  return {
    output: { reasoning: decisive.reasoning, category: winner },
    consensus: { choices: votes, likelihoods: Math.round((counts.get(winner)! / n) * 1000) / 1000 },
  };
};
