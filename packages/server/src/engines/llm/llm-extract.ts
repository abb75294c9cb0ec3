// Extraction with an LLM: the user's schema in its strict form, the document's pages as text, one call
// per page chunk (one chunk unless the document exceeds context_tokens) times n_consensus. Streams the
// tolerant parse of the growing answer through ctx.partial when a client streams the run. Votes are
// reconciled per chunk, chunks merged (arrays concatenated, the more confident non-null scalar kept).
import { RunFailure } from '../../runs/failures.ts';
import { checkpoint } from '../types.ts';
import { reconcile } from './consensus-adapter.ts';
import { additionalMessages, documentMessage, pageChunks, systemPrompt } from './document-prompt.ts';
import { consensusCount, type LlmEngine } from './llm-context.ts';
import { mergeExtractions, type Scored } from './merge-chunks.ts';
import { fromStrict, toStrictSchema } from './strict-schema.ts';
import { askVotes } from './structured-call.ts';

const TASK =
  'Extract the data described by the JSON schema from the document. Use only what the document says; ' +
  'when a value is absent, answer null (never guess). Numbers are plain JSON numbers without currency ' +
  'symbols or thousands separators; dates are ISO 8601 (YYYY-MM-DD) unless the schema says otherwise.';

export const llmExtract: LlmEngine = async (doc, params, ctx) => {
  const schema = params.json_schema;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) throw new RunFailure('invalid_request', 'json_schema must be a JSON Schema object');
  const { schema: strict, plan } = toStrictSchema(schema as Record<string, unknown>);
  const n = consensusCount(params);
  const system = systemPrompt(TASK, params);
  const extra = additionalMessages(params);
  const chunks = pageChunks(ctx, doc, doc.pages.map((_, i) => i), [system, ...extra], strict);
  const streamTokens = ctx.stream && chunks.length === 1;
  let done = 0;
  ctx.progress('extracting', 0, chunks.length, 'chunks');
  const parts = await Promise.all(
    chunks.map(async (pages): Promise<Scored & { votes: unknown[] }> => {
      const raw = await askVotes(
        ctx,
        {
          name: 'extraction',
          schema: strict,
          messages: [system, documentMessage(doc, pages), ...extra],
          onPartial: streamTokens ? (v) => ctx.partial(fromStrict(v, plan)) : undefined,
        },
        n,
      );
      const votes = raw.map((v) => fromStrict(v, plan));
      ctx.progress('extracting', ++done, chunks.length, 'chunks');
      if (n === 1) return { output: votes[0], likelihoods: null, votes };
      return { ...reconcile(votes, schema), votes };
    }),
  );
  checkpoint(ctx.signal);
  const merged = mergeExtractions(parts);
  // Per vote, the chunks merged in page order: the choices the reconciled output came from.
  const choices = n > 1 ? Array.from({ length: n }, (_, k) => mergeExtractions(parts.map((p) => ({ output: p.votes[k], likelihoods: null }))).output) : [];
  return { output: merged.output, consensus: { choices, likelihoods: merged.likelihoods } };
};
