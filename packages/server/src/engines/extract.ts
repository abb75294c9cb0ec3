// The extraction engine (built-in local model): resolves each field of `json_schema` against the document by
// layout-aware label/value matching, streams the output as top-level fields resolve, and returns
// `{output, consensus: {choices, likelihoods}}` with likelihoods mirroring the output.
//
// n_consensus 1: one full pass; likelihoods carry its per-field confidence (label strength, position, margin
// over the runner-up). n_consensus N > 1: N different readings of the evidence (extract/readings.ts: the full
// pass, a close runner-up, label-right / below / first-page evidence, content-mapped table columns) are the
// N votes in `choices`; the consensus module reconciles them field by field into `output`, and likelihoods
// are the agreement between the readings (docs/consensus.md).
import { RunFailure } from '../runs/failures.ts';
import type { LoadedDocument } from '../documents/types.ts';
import { buildDocIndex } from './extract/doc-index.ts';
import { ClaimCache } from './extract/label-search.ts';
import { pipeTables } from './extract/line-tables.ts';
import { extractionReadings } from './extract/readings.ts';
import { resolveNode } from './extract/resolve-node.ts';
import type { ExtractContext } from './extract/resolve-leaf.ts';
import { walkSchema, type SchemaNode } from './extract/schema-walk.ts';
import { reconcile } from './consensus/index.ts';
import { checkpoint, type Engine, type EngineContext, type EngineResult } from './types.ts';

export const extractEngine: Engine = async (doc: LoadedDocument, params: Record<string, unknown>, ctx: EngineContext): Promise<EngineResult> => {
  const schema = params.json_schema;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new RunFailure('invalid_request', 'json_schema must be a JSON Schema object');
  }
  const nConsensus = typeof params.n_consensus === 'number' && params.n_consensus >= 1 ? Math.min(16, Math.floor(params.n_consensus)) : 1;
  checkpoint(ctx.signal);
  const root = walkSchema(schema);
  const context: ExtractContext = { index: buildDocIndex(doc), cache: new ClaimCache(), tables: doc.pages.map((p) => (p.tables.length > 0 ? p.tables : pipeTables(p))) };
  const readings = extractionReadings(nConsensus);
  const first = await resolveRoot(root, { ...context, reading: readings[0] }, ctx);
  if (nConsensus === 1) return { output: first.output, consensus: { choices: [], likelihoods: first.likelihoods } };
  const choices: unknown[] = [first.output];
  ctx.progress('consensus', 1, nConsensus, 'readings');
  for (let i = 1; i < nConsensus; i++) {
    checkpoint(ctx.signal);
    choices.push(resolveNode(root, { ...context, reading: readings[i] }).value);
    ctx.progress('consensus', i + 1, nConsensus, 'readings');
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  checkpoint(ctx.signal);
  const { value, likelihoods } = reconcile(choices, { schema });
  return { output: value, consensus: { choices, likelihoods } };
};

async function resolveRoot(root: SchemaNode, context: ExtractContext, ctx: EngineContext): Promise<{ output: unknown; likelihoods: unknown }> {
  if (root.kind !== 'object') {
    const r = resolveNode(root, context);
    return { output: r.value, likelihoods: r.likelihood };
  }
  const fields = root.properties ?? [];
  const output: Record<string, unknown> = {};
  const likelihoods: Record<string, unknown> = {};
  ctx.progress('extracting', 0, fields.length, 'fields');
  for (let i = 0; i < fields.length; i++) {
    checkpoint(ctx.signal);
    const r = resolveNode(fields[i], context);
    output[fields[i].key] = r.value;
    likelihoods[fields[i].key] = r.likelihood;
    ctx.partial({ ...output });
    ctx.progress('extracting', i + 1, fields.length, 'fields');
    // Yield between fields so a cancel (abort) delivered meanwhile is seen at the next checkpoint.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  checkpoint(ctx.signal);
  return { output, likelihoods };
}
