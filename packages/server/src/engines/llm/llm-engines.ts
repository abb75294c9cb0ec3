// LLM engines per primitive, and the per-process chat clients (one per configured model name, so a
// model's concurrency limit is shared by every run of the process). LLM engines run on the main thread:
// their work is I/O-bound, the document was loaded and parsed in an engine thread before.
import type { LoadedDocument } from '../../documents/types.ts';
import type { OpenAiModelSpec } from '../../models/model-config.ts';
import type { Primitive } from '../../runs/types.ts';
import type { EngineContext, EngineResult } from '../types.ts';
import { ChatClient } from './chat-client.ts';
import { UsageMeter, type LlmEngine } from './llm-context.ts';
import { llmClassify } from './llm-classify.ts';
import { llmEdit } from './llm-edit.ts';
import { llmExtract } from './llm-extract.ts';
import { llmParse } from './llm-parse.ts';
import { llmPartition } from './llm-partition.ts';
import { llmSplit } from './llm-split.ts';

const ENGINES: Partial<Record<Primitive, LlmEngine>> = {
  parse: llmParse,
  extraction: llmExtract,
  classification: llmClassify,
  split: llmSplit,
  partition: llmPartition,
  edit: llmEdit,
};

export function hasLlmEngine(primitive: Primitive): boolean {
  return primitive in ENGINES;
}

export interface LlmRunResult extends EngineResult {
  promptTokens: number;
  completionTokens: number;
  calls: number;
}

/** Chat clients by model name, created on first use. One instance per Docket process. */
export class LlmClients {
  private readonly clients = new Map<string, ChatClient>();

  get(name: string, spec: OpenAiModelSpec): ChatClient {
    let c = this.clients.get(name);
    if (!c || c.spec !== spec) {
      c = new ChatClient(name, spec);
      this.clients.set(name, c);
    }
    return c;
  }
}

export async function runLlmEngine(
  primitive: Primitive,
  doc: LoadedDocument,
  params: Record<string, unknown>,
  ctx: EngineContext & { client: ChatClient },
): Promise<LlmRunResult> {
  const engine = ENGINES[primitive];
  if (!engine) throw new Error(`no LLM engine for ${primitive}`);
  const usage = new UsageMeter();
  const res = await engine(doc, params, { ...ctx, usage, stream: params._stream === true });
  return { ...res, promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, calls: usage.calls };
}
