// What an LLM engine gets besides (document, params): the engine context (signal, progress, partial),
// the model's chat client, a usage meter that sums tokens over every call of the run, and whether a
// client is streaming the run (then extraction streams tokens from the provider).
import type { LoadedDocument } from '../../documents/types.ts';
import type { EngineContext, EngineResult } from '../types.ts';
import type { ChatClient } from './chat-client.ts';

export class UsageMeter {
  promptTokens = 0;
  completionTokens = 0;
  calls = 0;

  add(r: { promptTokens: number; completionTokens: number }): void {
    this.promptTokens += r.promptTokens;
    this.completionTokens += r.completionTokens;
    this.calls++;
  }
}

export interface LlmContext extends EngineContext {
  client: ChatClient;
  usage: UsageMeter;
  stream: boolean;
}

export type LlmEngine = (doc: LoadedDocument, params: Record<string, unknown>, ctx: LlmContext) => Promise<EngineResult>;

/** n_consensus from params, clamped to 1..16. */
export function consensusCount(params: Record<string, unknown>): number {
  const n = params.n_consensus;
  return typeof n === 'number' && n >= 1 ? Math.min(16, Math.floor(n)) : 1;
}

/** Temperature for a call: deterministic for one answer, varied when several answers are reconciled. */
export const temperatureFor = (n: number): number => (n > 1 ? 0.7 : 0);
