// Types shared by the six primitives: lifecycle, the resource envelope, common request fields,
// list filters. Wire names stay snake_case, as on the wire (DESIGN.md §1).
import type { DocumentInput } from '../documents/to-document.ts';

export type RunStatus = 'pending' | 'queued' | 'in_progress' | 'completed' | 'failed' | 'cancelled';
export const TERMINAL_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'cancelled'];
export const isTerminalStatus = (s: string): boolean => (TERMINAL_STATUSES as readonly string[]).includes(s);

export interface FileRef {
  id: string;
  filename: string;
  mime_type: string;
}

/** A failed run's error; `code` is stable (`unsupported_format`, `timeout`, `not_implemented`, …). */
export interface RunError {
  code: string;
  message: string;
  details?: Record<string, unknown> | null;
}

export interface RunProgress {
  stage: string;
  completed: number;
  total: number | null;
  unit: string;
}

export interface Usage {
  credits: number;
  page_count?: number;
}

/** Fields every primitive resource carries. */
export interface BaseResource<TObject extends string, TOutput> {
  id: string;
  object: TObject;
  file: FileRef | null;
  model: string;
  status: RunStatus;
  /** The primitive's output; an empty value of the same shape until `completed`. Absent with include_output=false. */
  output?: TOutput;
  error: RunError | null;
  usage: Usage | null;
  metadata: Record<string, string> | null;
  created_at: string;
  updated_at?: string;
  started_at?: string | null;
  completed_at?: string | null;
  progress?: RunProgress | null;
  attempts?: number;
  cancel_requested_at?: string | null;
}

/** Request fields every primitive accepts. */
export interface BaseCreateParams {
  document: DocumentInput;
  /** Default `retab-small`. */
  model?: string;
  instructions?: string | null;
  bust_cache?: boolean;
  /** Answer at once with a queued run; poll it with `get`. Default false. */
  background?: boolean;
  /** Extra fields are passed through to the server as-is. */
  [extra: string]: unknown;
}

export interface ListParams {
  /** 1–100, default 10 (per page; iteration fetches further pages). */
  limit?: number;
  order?: 'asc' | 'desc';
  before?: string;
  after?: string;
  from_date?: string;
  to_date?: string;
  filename?: string;
  status?: RunStatus;
  [extra: string]: unknown;
}

export interface GetOptions {
  /** Default true; false returns the resource without `output` (a cheap status check). */
  includeOutput?: boolean;
}

export interface PollOptions {
  /** Wait between polls when the server sends no Retry-After. Default 1000. */
  pollIntervalMs?: number;
  /** Give up (PollTimeoutError) after this long; the run keeps going server-side. */
  timeoutMs?: number;
  /** Aborting cancels the run server-side, then rejects with APIUserAbortError. */
  signal?: AbortSignal;
  /** Called with the resource after each poll. */
  onProgress?: (resource: any) => void;
}
