// The contract between the worker and an engine: a function of (document, params, context) to output.
import type { LoadedDocument } from '../documents/types.ts';
import { RunFailure } from '../runs/failures.ts';

export { RunFailure };

export interface EngineContext {
  signal: AbortSignal;
  /** Report progress; cheap to call often (the worker throttles writes). */
  progress(stage: string, completed: number, total: number | null, unit?: string): void;
  /** Report a partial output (extractions stream it). */
  partial(output: unknown): void;
  model: string;
  /** The document's original bytes, for engines that write into the file (edit). */
  bytes?: Uint8Array;
}

export interface EngineResult {
  output: unknown;
  consensus: unknown | null;
}

export type Engine = (doc: LoadedDocument, params: Record<string, unknown>, ctx: EngineContext) => Promise<EngineResult>;

/** Throw when the signal is aborted; engines call this at their checkpoints. */
export function checkpoint(signal: AbortSignal): void {
  if (signal.aborted) throw new RunFailure('cancelled', 'The run was cancelled');
}
