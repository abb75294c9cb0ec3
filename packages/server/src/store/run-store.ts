// The storage seam. One table of runs is both the resource store and the queue.
// Every state change is one guarded write that reports whether it happened; two writers can race
// and only one wins. Drivers: sqlite/ (embedded default) and postgres/ (shared). Both must pass
// store.contract.ts unchanged.
import type { Primitive, Run, RunError, RunProgress, RunStatus } from '../runs/types.ts';

export interface RunCreateParams {
  id: string;
  primitive: Primitive;
  projectId: string;
  status: 'pending' | 'queued';
  model: string;
  file: Run['file'];
  blobKey: string | null;
  params: Record<string, unknown>;
  metadata: Record<string, string> | null;
  maxAttempts: number;
  /** Idempotency-Key header of the create request, and a hash of its body. Unique per project:
   *  a second create with the same key throws IdempotencyConflictError. */
  idempotencyKey?: string | null;
  requestHash?: string | null;
}

export class IdempotencyConflictError extends Error {
  constructor(public readonly projectId: string, public readonly key: string) {
    super(`a run with idempotency key '${key}' already exists in project '${projectId}'`);
    this.name = 'IdempotencyConflictError';
  }
}

/** An edit template: a PDF form kept for reuse with `template_id` on edit creates. */
export interface EditTemplate {
  id: string; // edittplt_<ulid>
  projectId: string;
  name: string;
  file: NonNullable<Run['file']>;
  blobKey: string;
  formFields: unknown[]; // FormField objects as on the wire
  createdAt: string;
  updatedAt: string;
}

/** Cross-process notifications (PostgreSQL LISTEN/NOTIFY). In-process events cover one process. */
export type StoreNotification = { type: 'queued' } | { type: 'cancel'; id: string } | { type: 'terminal'; id: string };

export interface RunListParams {
  projectId: string;
  primitive: Primitive;
  limit: number; // 1..100
  order: 'asc' | 'desc';
  before?: string; // id cursor: items that come before this one in `order`
  after?: string; // id cursor: items that come after this one in `order`
  fromDate?: string; // ISO, inclusive
  toDate?: string; // ISO, exclusive
  filename?: string; // case-insensitive substring
  status?: RunStatus;
  metadata?: Record<string, string>; // every pair must match
  templateId?: string;
}

export interface RunListResult {
  data: Run[];
  /** True when more items exist past the end of `data` in the walking direction. */
  hasMore: boolean;
}

export interface RunFinishParams {
  id: string;
  owner: string;
  outcome: 'completed' | 'failed';
  output?: unknown;
  consensus?: unknown;
  error?: RunError | null;
  usage?: Run['usage'];
}

export interface ApiKeyRecord {
  id: string;
  projectId: string;
  name: string | null;
  prefix: string; // first characters of the key, for display
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface RunStore {
  /** Insert a new run (pending or queued). */
  runCreate(p: RunCreateParams): Promise<Run>;
  /** A run by id; with projectId, only if it belongs to that project. */
  runGet(p: { id: string; projectId?: string }): Promise<Run | null>;
  runList(p: RunListParams): Promise<RunListResult>;
  /** Delete a run of the project. Returns false if absent. A non-terminal run is cancelled first by the caller. */
  runDelete(p: { id: string; projectId: string }): Promise<boolean>;
  /** pending → queued. */
  runMarkReady(p: { id: string }): Promise<boolean>;
  /** Fail a run that no worker holds (pending or queued), e.g. its document could not be fetched. */
  runFailUnclaimed(p: { id: string; error: RunError }): Promise<boolean>;
  /**
   * Hand a held run back (graceful shutdown): in_progress → queued, lease cleared, the attempt not
   * counted. Only by the holder, and not once its cancel was requested (that run ends by recovery or
   * finish). Returns whether it happened.
   */
  runRelease(p: { id: string; owner: string }): Promise<boolean>;
  /** Claim up to `limit` queued runs (oldest first): status in_progress, lease set, attempts + 1. */
  runClaim(p: { owner: string; limit: number; leaseMs: number; primitives?: Primitive[] }): Promise<Run[]>;
  /** Renew a held lease and optionally record progress. `held` false means the lease was lost. */
  runHeartbeat(p: { id: string; owner: string; leaseMs: number; progress?: RunProgress }): Promise<{ held: boolean; cancelRequested: boolean }>;
  /** End a held run. Ends `cancelled` if its cancel was requested. Returns the final run, or null if the lease was lost. */
  runFinish(p: RunFinishParams): Promise<Run | null>;
  /**
   * Cancel: pending/queued → cancelled at once; in_progress → cancel_requested_at set; terminal → unchanged.
   * Returns the run after the change, or null if it does not exist in the project.
   */
  runCancel(p: { id: string; projectId: string }): Promise<Run | null>;
  /**
   * Recover runs whose lease expired before `now`: back to queued while attempts remain, else failed worker_lost.
   * A run whose cancel was requested ends cancelled instead (listed in `cancelled`).
   */
  runRecoverExpired(p: { now?: Date }): Promise<{ requeued: string[]; failed: string[]; cancelled: string[] }>;
  /** Counts by status (for readiness and benchmarks). */
  runCounts(): Promise<Record<RunStatus, number>>;

  apiKeyCreate(p: { id: string; projectId: string; name: string | null; keyHash: string; prefix: string }): Promise<ApiKeyRecord>;
  apiKeyFindByHash(p: { keyHash: string }): Promise<ApiKeyRecord | null>;
  apiKeyList(p: { projectId?: string }): Promise<ApiKeyRecord[]>;
  apiKeyRevoke(p: { id: string }): Promise<boolean>;
  apiKeyCount(): Promise<number>;

  /** Document bytes by content hash. */
  blobPut(p: { key: string; bytes: Uint8Array }): Promise<void>;
  blobGet(p: { key: string }): Promise<Uint8Array | null>;

  /** The run created with this idempotency key in the project, with the hash of its request body. */
  runFindByIdempotencyKey(p: { projectId: string; key: string }): Promise<{ run: Run; requestHash: string | null } | null>;

  templateCreate(p: { id: string; projectId: string; name: string; file: EditTemplate['file']; blobKey: string; formFields: unknown[] }): Promise<EditTemplate>;
  templateGet(p: { id: string; projectId: string }): Promise<EditTemplate | null>;
  /** Cursor pagination by id exactly like runList; `name` is a case-insensitive substring filter. */
  templateList(p: { projectId: string; limit: number; order: 'asc' | 'desc'; before?: string; after?: string; name?: string }): Promise<{ data: EditTemplate[]; hasMore: boolean }>;
  templateUpdate(p: { id: string; projectId: string; name?: string; formFields?: unknown[] }): Promise<EditTemplate | null>;
  templateDelete(p: { id: string; projectId: string }): Promise<boolean>;

  /**
   * Subscribe to notifications from every process sharing this store (PostgreSQL: LISTEN/NOTIFY on
   * runCreate → queued, runCancel of an in_progress run → cancel, runFinish/recovery → terminal).
   * Drivers without cross-process notifications (SQLite) return a no-op unsubscribe; callers keep polling
   * as the fallback either way.
   */
  listen(fn: (n: StoreNotification) => void): Promise<() => Promise<void>>;

  close(): Promise<void>;
}
