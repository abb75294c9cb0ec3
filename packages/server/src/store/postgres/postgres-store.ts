// The shared RunStore: PostgreSQL, for many API and worker processes on one database. The runs
// table is both the resource store and the queue; blobs live in a bytea table, so no shared
// filesystem is needed. Every state change is one guarded statement whose WHERE clause names the
// allowed from-status (and the lease owner for the holder's writes); claims take queued rows with
// FOR UPDATE SKIP LOCKED. Writes that other processes should hear about call pg_notify in the same
// statement (delivered at commit); pg-listener.ts is the receiving side.
import pg from 'pg';
import { type ApiKeyRecord, IdempotencyConflictError, type RunFinishParams, type RunListResult, type RunStore } from '../run-store.ts';
import type { RunError, RunStatus } from '../../runs/types.ts';
import { RUN_STATUSES } from '../../runs/types.ts';
import { type ApiKeyRow, type RunRow, rowToApiKey, rowToRun, toJson } from '../row-mapper.ts';
import { takePage } from '../id-page.ts';
import { buildPgListQuery } from './pg-list-query.ts';
import { migratePostgres } from './pg-migrations.ts';
import { PG_TYPES } from './pg-types.ts';
import { CHANNEL, PgListener } from './pg-listener.ts';
import { PgTemplates } from './pg-templates.ts';

export interface PostgresStoreOptions {
  /** postgres:// or postgresql:// connection string. */
  databaseUrl: string;
  /** Pool size (Default: 10). */
  maxConnections?: number;
}

const LAST_USED_RESOLUTION_MS = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();
/** SQL that sends a notification from a RETURNING list; `kind` and `id` are SQL expressions. */
const notify = (kind: string, id = 'NULL') =>
  `pg_notify('${CHANNEL}', json_strip_nulls(json_build_object('type', (${kind})::text, 'id', (${id})::text))::text)`;

export async function openPostgresStore(opts: PostgresStoreOptions): Promise<PostgresStore> {
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.maxConnections ?? 10, types: PG_TYPES });
  // An idle client's connection can drop (server restart, terminated backend): the pool discards
  // it and the next query opens a new one, so the error needs no handling beyond not crashing.
  pool.on('error', () => undefined);
  try {
    await migratePostgres(pool);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return new PostgresStore(pool, new PgListener(opts.databaseUrl));
}

export class PostgresStore implements RunStore {
  private closed = false;
  private readonly templates: PgTemplates;
  constructor(
    readonly pool: pg.Pool,
    readonly listener: PgListener,
  ) {
    this.templates = new PgTemplates(pool);
  }

  private async rows<T extends pg.QueryResultRow = RunRow>(sql: string, args: unknown[]): Promise<T[]> {
    return (await this.pool.query<T>(sql, args)).rows;
  }

  async runCreate(p: Parameters<RunStore['runCreate']>[0]) {
    const now = iso(Date.now());
    try {
      const [row] = await this.rows(
        `INSERT INTO runs (id, primitive, project_id, status, model, file_json, blob_key, params_json, metadata_json,
           attempts, max_attempts, created_at, updated_at, idempotency_key, request_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $11, $11, $12, $13)
         RETURNING *, CASE WHEN status = 'queued' THEN ${notify("'queued'")} END AS notified`,
        [p.id, p.primitive, p.projectId, p.status, p.model, toJson(p.file), p.blobKey, JSON.stringify(p.params ?? {}),
          toJson(p.metadata), Math.max(1, Math.floor(p.maxAttempts)), now, p.idempotencyKey ?? null, p.requestHash ?? null],
      );
      return rowToRun(row);
    } catch (err) {
      const e = err as { code?: string; constraint?: string };
      if (p.idempotencyKey != null && e.code === '23505' && e.constraint === 'runs_idempotency_idx') {
        throw new IdempotencyConflictError(p.projectId, p.idempotencyKey);
      }
      throw err;
    }
  }

  async runFindByIdempotencyKey(p: { projectId: string; key: string }) {
    const [row] = await this.rows('SELECT * FROM runs WHERE project_id = $1 AND idempotency_key = $2', [p.projectId, p.key]);
    return row ? { run: rowToRun(row), requestHash: row.request_hash ?? null } : null;
  }

  async runGet(p: { id: string; projectId?: string }) {
    const [row] =
      p.projectId === undefined
        ? await this.rows('SELECT * FROM runs WHERE id = $1', [p.id])
        : await this.rows('SELECT * FROM runs WHERE id = $1 AND project_id = $2', [p.id, p.projectId]);
    return row ? rowToRun(row) : null;
  }

  async runList(p: Parameters<RunStore['runList']>[0]): Promise<RunListResult> {
    const q = buildPgListQuery(p);
    const page = takePage(q.plan, await this.rows(q.sql, q.args));
    return { data: page.data.map(rowToRun), hasMore: page.hasMore };
  }

  async runDelete(p: { id: string; projectId: string }) {
    return ((await this.pool.query('DELETE FROM runs WHERE id = $1 AND project_id = $2', [p.id, p.projectId])).rowCount ?? 0) > 0;
  }

  async runMarkReady(p: { id: string }) {
    const rows = await this.rows(
      `UPDATE runs SET status = 'queued', updated_at = $1 WHERE id = $2 AND status = 'pending' RETURNING id, ${notify("'queued'")}`,
      [iso(Date.now()), p.id],
    );
    return rows.length > 0;
  }

  async runRelease(p: { id: string; owner: string }) {
    const rows = await this.rows(
      `UPDATE runs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, attempts = GREATEST(attempts - 1, 0), updated_at = $1
       WHERE id = $2 AND status = 'in_progress' AND lease_owner = $3 AND cancel_requested_at IS NULL RETURNING id, ${notify("'queued'")}`,
      [iso(Date.now()), p.id, p.owner],
    );
    return rows.length > 0;
  }

  async runFailUnclaimed(p: { id: string; error: RunError }) {
    const rows = await this.rows(
      `UPDATE runs SET status = 'failed', error_json = $1, completed_at = $2, updated_at = $2
       WHERE id = $3 AND status IN ('pending', 'queued') RETURNING id, ${notify("'terminal'", 'id')}`,
      [JSON.stringify(p.error), iso(Date.now()), p.id],
    );
    return rows.length > 0;
  }

  async runClaim(p: { owner: string; limit: number; leaseMs: number; primitives?: string[] }) {
    const limit = Math.floor(p.limit);
    if (limit <= 0 || (p.primitives && p.primitives.length === 0)) return [];
    const nowMs = Date.now();
    const filter = p.primitives ? 'AND primitive = ANY($5::text[])' : '';
    // SKIP LOCKED: concurrent claimers each lock different queued rows instead of queueing behind
    // one another; the outer status check re-verifies the row under its lock. The picked ids go
    // through ARRAY(...) (an InitPlan, run exactly once): as a plain `id IN (subquery)` the planner
    // may rescan the LIMITed subquery per outer row, claiming more than `limit` runs.
    const rows = await this.rows(
      `UPDATE runs SET status = 'in_progress', lease_owner = $1, lease_expires_at = $2, attempts = attempts + 1,
         started_at = COALESCE(started_at, $3), updated_at = $3
       WHERE id = ANY(ARRAY(SELECT id FROM runs WHERE status = 'queued' ${filter} ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED))
         AND status = 'queued'
       RETURNING *`,
      [p.owner, nowMs + p.leaseMs, iso(nowMs), limit, ...(p.primitives ? [p.primitives] : [])],
    );
    return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(rowToRun);
  }

  async runHeartbeat(p: Parameters<RunStore['runHeartbeat']>[0]) {
    const nowMs = Date.now();
    const [row] = await this.rows<{ cancel_requested_at: string | null }>(
      `UPDATE runs SET lease_expires_at = $1, updated_at = $2, progress_json = COALESCE($3::json, progress_json)
       WHERE id = $4 AND status = 'in_progress' AND lease_owner = $5
       RETURNING cancel_requested_at`,
      [nowMs + p.leaseMs, iso(nowMs), toJson(p.progress), p.id, p.owner],
    );
    return { held: row !== undefined, cancelRequested: row?.cancel_requested_at != null };
  }

  async runFinish(p: RunFinishParams) {
    const completed = p.outcome === 'completed';
    const error: RunError | null = completed ? null : (p.error ?? { code: 'internal_error', message: 'The run failed', details: null });
    const [row] = await this.rows(
      `UPDATE runs SET
         status = CASE WHEN cancel_requested_at IS NOT NULL THEN 'cancelled' ELSE $1::text END,
         output_json = CASE WHEN cancel_requested_at IS NOT NULL THEN NULL ELSE $2::json END,
         consensus_json = CASE WHEN cancel_requested_at IS NOT NULL THEN NULL ELSE $3::json END,
         error_json = CASE WHEN cancel_requested_at IS NOT NULL THEN NULL ELSE $4::json END,
         usage_json = COALESCE($5::json, usage_json),
         lease_owner = NULL, lease_expires_at = NULL, completed_at = $6, updated_at = $6
       WHERE id = $7 AND status = 'in_progress' AND lease_owner = $8
       RETURNING *, ${notify("'terminal'", 'id')} AS notified`,
      [p.outcome, completed ? toJson(p.output) : null, completed ? toJson(p.consensus) : null, toJson(error),
        toJson(p.usage), iso(Date.now()), p.id, p.owner],
    );
    return row ? rowToRun(row) : null;
  }

  async runCancel(p: { id: string; projectId: string }) {
    const now = iso(Date.now());
    // One guarded UPDATE branching on the status under the row lock: pending/queued end cancelled
    // (terminal), in_progress gets cancel_requested_at (cancel, for the worker holding it).
    const [row] = await this.rows(
      `UPDATE runs SET
         status = CASE WHEN status IN ('pending', 'queued') THEN 'cancelled' ELSE status END,
         completed_at = CASE WHEN status IN ('pending', 'queued') THEN $1::timestamptz ELSE completed_at END,
         cancel_requested_at = CASE WHEN status = 'in_progress' THEN $1::timestamptz ELSE cancel_requested_at END,
         updated_at = $1
       WHERE id = $2 AND project_id = $3
         AND (status IN ('pending', 'queued') OR (status = 'in_progress' AND cancel_requested_at IS NULL))
       RETURNING *, ${notify("CASE WHEN status = 'in_progress' THEN 'cancel' ELSE 'terminal' END", 'id')} AS notified`,
      [now, p.id, p.projectId],
    );
    if (row) return rowToRun(row);
    return this.runGet(p); // nothing to change: terminal, already requested, or absent
  }

  async runRecoverExpired(p: { now?: Date }) {
    const nowMs = (p.now ?? new Date()).getTime();
    // One statement decides each expired run's fate: cancelled if its cancel was requested, failed
    // worker_lost when no attempts remain, else back to queued (engines are pure, re-running is safe).
    const rows = await this.rows<{ id: string; status: RunStatus }>(
      `UPDATE runs SET
         status = CASE WHEN cancel_requested_at IS NOT NULL THEN 'cancelled'
                       WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
         error_json = CASE WHEN cancel_requested_at IS NULL AND attempts >= max_attempts
           THEN json_build_object('code', 'worker_lost',
                  'message', 'The worker running this run stopped and no attempts remain',
                  'details', json_build_object('attempts', attempts))
           ELSE error_json END,
         completed_at = CASE WHEN cancel_requested_at IS NOT NULL OR attempts >= max_attempts THEN $1::timestamptz ELSE completed_at END,
         lease_owner = NULL, lease_expires_at = NULL, updated_at = $1
       WHERE status = 'in_progress' AND lease_expires_at < $2
       RETURNING id, status, ${notify("CASE WHEN status = 'queued' THEN 'queued' ELSE 'terminal' END", "CASE WHEN status = 'queued' THEN NULL ELSE id END")} AS notified`,
      [iso(nowMs), nowMs],
    );
    const ids = (s: RunStatus) => rows.filter((r) => r.status === s).map((r) => r.id).sort();
    return { requeued: ids('queued'), failed: ids('failed'), cancelled: ids('cancelled') };
  }

  async runCounts() {
    const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
    for (const r of await this.rows<{ status: RunStatus; n: number }>('SELECT status, COUNT(*) AS n FROM runs GROUP BY status', [])) {
      counts[r.status] = r.n;
    }
    return counts;
  }

  async apiKeyCreate(p: Parameters<RunStore['apiKeyCreate']>[0]): Promise<ApiKeyRecord> {
    const [row] = await this.rows<ApiKeyRow>(
      'INSERT INTO api_keys (id, project_id, name, key_hash, prefix, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
      [p.id, p.projectId, p.name, p.keyHash, p.prefix, iso(Date.now())],
    );
    return rowToApiKey(row);
  }

  /** Finds a key by hash, revoked or not (the caller checks revokedAt); touches last_used_at at most once a minute. */
  async apiKeyFindByHash(p: { keyHash: string }) {
    const nowMs = Date.now();
    const [touched] = await this.rows<ApiKeyRow>(
      `UPDATE api_keys SET last_used_at = $1
       WHERE key_hash = $2 AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at < $3) RETURNING *`,
      [iso(nowMs), p.keyHash, iso(nowMs - LAST_USED_RESOLUTION_MS)],
    );
    const found = touched ?? (await this.rows<ApiKeyRow>('SELECT * FROM api_keys WHERE key_hash = $1', [p.keyHash]))[0];
    return found ? rowToApiKey(found) : null;
  }

  async apiKeyList(p: { projectId?: string }) {
    const rows =
      p.projectId === undefined
        ? await this.rows<ApiKeyRow>('SELECT * FROM api_keys ORDER BY created_at, id', [])
        : await this.rows<ApiKeyRow>('SELECT * FROM api_keys WHERE project_id = $1 ORDER BY created_at, id', [p.projectId]);
    return rows.map(rowToApiKey);
  }

  async apiKeyRevoke(p: { id: string }) {
    const r = await this.pool.query('UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [iso(Date.now()), p.id]);
    return (r.rowCount ?? 0) > 0;
  }

  async apiKeyCount() {
    return (await this.rows<{ n: number }>('SELECT COUNT(*) AS n FROM api_keys', []))[0].n;
  }

  /** Content-addressed: a key that exists already keeps its bytes. */
  async blobPut(p: { key: string; bytes: Uint8Array }) {
    const buf = Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength);
    await this.pool.query('INSERT INTO blobs (key, bytes) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [p.key, buf]);
  }

  async blobGet(p: { key: string }) {
    const [row] = await this.rows<{ bytes: Buffer }>('SELECT bytes FROM blobs WHERE key = $1', [p.key]);
    return row ? new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) : null;
  }

  templateCreate(p: Parameters<RunStore['templateCreate']>[0]) {
    return this.templates.create(p);
  }

  templateGet(p: Parameters<RunStore['templateGet']>[0]) {
    return this.templates.get(p);
  }

  templateList(p: Parameters<RunStore['templateList']>[0]) {
    return this.templates.list(p);
  }

  templateUpdate(p: Parameters<RunStore['templateUpdate']>[0]) {
    return this.templates.update(p);
  }

  templateDelete(p: Parameters<RunStore['templateDelete']>[0]) {
    return this.templates.delete(p);
  }

  listen(fn: Parameters<RunStore['listen']>[0]) {
    return this.listener.subscribe(fn);
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    await this.listener.close();
    await this.pool.end();
  }
}
