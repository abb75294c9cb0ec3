// The embedded RunStore: one SQLite file (WAL) under dataDir is both the resource store and the
// queue, and blobs live beside it on the filesystem. Every state change is one guarded UPDATE
// whose WHERE clause names the allowed from-status (and the lease owner for the holder's writes);
// `changes`/RETURNING tells the caller whether it won. better-sqlite3 is synchronous, so each
// method runs to completion on this connection; other processes on the same file are serialised
// by SQLite's single write lock (busy_timeout waits for it).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { IdempotencyConflictError, type RunCreateParams, type RunFinishParams, type RunListResult, type RunStore } from '../run-store.ts';
import type { Run, RunError, RunStatus } from '../../runs/types.ts';
import { RUN_STATUSES } from '../../runs/types.ts';
import { migrate } from './migrations.ts';
import { type RunRow, rowToRun, toJson } from '../row-mapper.ts';
import { buildListQuery } from './list-query.ts';
import { BlobFiles } from './blob-files.ts';
import { takePage } from '../id-page.ts';
import { SqliteApiKeys } from './sqlite-api-keys.ts';
import { SqliteTemplates } from './sqlite-templates.ts';

export interface SqliteStoreOptions {
  /** Directory for the database file and blobs; created if missing. */
  dataDir: string;
  /** Database file name under dataDir (Default: docket.sqlite3). */
  filename?: string;
}


export async function openSqliteStore(opts: SqliteStoreOptions): Promise<RunStore> {
  mkdirSync(opts.dataDir, { recursive: true });
  const db = openDatabase(join(opts.dataDir, opts.filename ?? 'docket.sqlite3'));
  return new SqliteStore(db, new BlobFiles(join(opts.dataDir, 'blobs')));
}

/**
 * Compiling a statement costs more than running it, and the store's SQL is a small fixed set (lists
 * vary only by which filters are present), so every connection reuses its prepared statements.
 * Done here once, rather than at each call site, so the store reads as plain SQL.
 */
function cacheStatements(db: Database.Database): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = prepare(sql);
      if (cache.size < 1000) cache.set(sql, stmt);
    }
    return stmt;
  }) as typeof db.prepare;
}

/** Open a connection with Docket's pragmas and apply pending migrations. */
export function openDatabase(path: string): Database.Database {
  const db = new Database(path);
  try {
    // busy_timeout first: the journal_mode switch and migrations may wait on another process.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.function('docket_lower', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? s.toLowerCase() : s));
    migrate(db);
    cacheStatements(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();

class SqliteStore implements RunStore {
  private closed = false;
  private readonly templates: SqliteTemplates;
  private readonly keys: SqliteApiKeys;
  constructor(
    private readonly db: Database.Database,
    private readonly blobs: BlobFiles,
  ) {
    this.templates = new SqliteTemplates(db);
    this.keys = new SqliteApiKeys(db);
  }

  private one(sql: string, ...args: unknown[]): RunRow | undefined {
    return this.db.prepare(sql).get(...args) as RunRow | undefined;
  }

  /**
   * Creates that arrive in the same turn of the event loop are written in one transaction (group
   * commit): one WAL append for many runs. Each caller still gets its own row or its own error, and
   * only after the transaction committed.
   */
  private createBatch: { p: RunCreateParams; resolve: (r: Run) => void; reject: (e: unknown) => void }[] = [];

  runCreate(p: RunCreateParams): Promise<Run> {
    return new Promise<Run>((resolve, reject) => {
      if (this.createBatch.length === 0) setImmediate(() => this.flushCreates());
      this.createBatch.push({ p, resolve, reject });
    });
  }

  private flushCreates(): void {
    const batch = this.createBatch;
    this.createBatch = [];
    const results: ({ ok: true; run: Run } | { ok: false; err: unknown })[] = [];
    try {
      this.db.transaction(() => {
        for (const { p } of batch) {
          try {
            results.push({ ok: true, run: rowToRun(this.insertRun(p)) });
          } catch (err) {
            results.push({ ok: false, err }); // a failed INSERT rolls back only itself
          }
        }
      })();
    } catch (err) {
      for (const b of batch) b.reject(err);
      return;
    }
    batch.forEach((b, i) => {
      const r = results[i];
      if (r.ok) b.resolve(r.run);
      else b.reject(r.err);
    });
  }

  private insertRun(p: RunCreateParams): RunRow {
    if (this.closed) throw new Error('store is closed');
    const now = iso(Date.now());
    try {
      return this.one(
        `INSERT INTO runs (id, primitive, project_id, status, model, file_json, blob_key, params_json, metadata_json,
           attempts, max_attempts, created_at, updated_at, idempotency_key, request_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?) RETURNING *`,
        p.id, p.primitive, p.projectId, p.status, p.model, toJson(p.file), p.blobKey, JSON.stringify(p.params ?? {}),
        toJson(p.metadata), Math.max(1, Math.floor(p.maxAttempts)), now, now, p.idempotencyKey ?? null, p.requestHash ?? null,
      )!;
    } catch (err) {
      // The only UNIQUE besides the primary key (SQLITE_CONSTRAINT_PRIMARYKEY) is (project_id, idempotency_key).
      if (p.idempotencyKey != null && (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new IdempotencyConflictError(p.projectId, p.idempotencyKey);
      }
      throw err;
    }
  }

  async runFindByIdempotencyKey(p: { projectId: string; key: string }) {
    const row = this.one('SELECT * FROM runs WHERE project_id = ? AND idempotency_key = ?', p.projectId, p.key);
    return row ? { run: rowToRun(row), requestHash: row.request_hash ?? null } : null;
  }

  async runGet(p: { id: string; projectId?: string }) {
    const row =
      p.projectId === undefined
        ? this.one('SELECT * FROM runs WHERE id = ?', p.id)
        : this.one('SELECT * FROM runs WHERE id = ? AND project_id = ?', p.id, p.projectId);
    return row ? rowToRun(row) : null;
  }

  async runList(p: Parameters<RunStore['runList']>[0]): Promise<RunListResult> {
    const q = buildListQuery(p);
    const page = takePage(q.plan, this.db.prepare(q.sql).all(...q.args) as RunRow[]);
    return { data: page.data.map(rowToRun), hasMore: page.hasMore };
  }

  async runDelete(p: { id: string; projectId: string }) {
    return this.db.prepare('DELETE FROM runs WHERE id = ? AND project_id = ?').run(p.id, p.projectId).changes > 0;
  }

  async runMarkReady(p: { id: string }) {
    const r = this.db
      .prepare("UPDATE runs SET status = 'queued', updated_at = ? WHERE id = ? AND status = 'pending'")
      .run(iso(Date.now()), p.id);
    return r.changes > 0;
  }

  async runRelease(p: { id: string; owner: string }) {
    const r = this.db
      .prepare(
        `UPDATE runs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, attempts = MAX(attempts - 1, 0), updated_at = ?
         WHERE id = ? AND status = 'in_progress' AND lease_owner = ? AND cancel_requested_at IS NULL`,
      )
      .run(iso(Date.now()), p.id, p.owner);
    return r.changes > 0;
  }

  async runFailUnclaimed(p: { id: string; error: RunError }) {
    const now = iso(Date.now());
    const r = this.db
      .prepare(
        `UPDATE runs SET status = 'failed', error_json = ?, completed_at = ?, updated_at = ?
         WHERE id = ? AND status IN ('pending', 'queued')`,
      )
      .run(JSON.stringify(p.error), now, now, p.id);
    return r.changes > 0;
  }

  async runClaim(p: { owner: string; limit: number; leaseMs: number; primitives?: string[] }) {
    const limit = Math.floor(p.limit);
    if (limit <= 0 || (p.primitives && p.primitives.length === 0)) return [];
    const nowMs = Date.now();
    const now = iso(nowMs);
    const filter = p.primitives ? `AND primitive IN (${p.primitives.map(() => '?').join(', ')})` : '';
    // One statement: the subquery picks the oldest queued ids and the UPDATE takes them under the
    // single SQLite write lock, so no two claimers (connections or processes) get the same run.
    const rows = this.db
      .prepare(
        `UPDATE runs SET status = 'in_progress', lease_owner = ?, lease_expires_at = ?, attempts = attempts + 1,
           started_at = COALESCE(started_at, ?), updated_at = ?
         WHERE id IN (SELECT id FROM runs WHERE status = 'queued' ${filter} ORDER BY id LIMIT ?)
           AND status = 'queued'
         RETURNING *`,
      )
      .all(p.owner, nowMs + p.leaseMs, now, now, ...(p.primitives ?? []), limit) as RunRow[];
    // RETURNING order is unspecified: hand runs back oldest first.
    return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(rowToRun);
  }

  async runHeartbeat(p: Parameters<RunStore['runHeartbeat']>[0]) {
    const nowMs = Date.now();
    // A holder whose lease has expired but not yet been recovered still holds the run: the
    // lease only ends when recovery (or a finish) changes the row.
    const row = this.db
      .prepare(
        `UPDATE runs SET lease_expires_at = ?, updated_at = ?, progress_json = COALESCE(?, progress_json)
         WHERE id = ? AND status = 'in_progress' AND lease_owner = ?
         RETURNING cancel_requested_at`,
      )
      .get(nowMs + p.leaseMs, iso(nowMs), toJson(p.progress), p.id, p.owner) as
      | { cancel_requested_at: string | null }
      | undefined;
    return { held: row !== undefined, cancelRequested: row?.cancel_requested_at != null };
  }

  async runFinish(p: RunFinishParams) {
    const now = iso(Date.now());
    const completed = p.outcome === 'completed';
    const error: RunError | null = completed
      ? null
      : (p.error ?? { code: 'internal_error', message: 'The run failed', details: null });
    // A run whose cancel was requested ends cancelled, never completed, and keeps no output/error.
    const row = this.one(
      `UPDATE runs SET
         status = CASE WHEN cancel_requested_at IS NOT NULL THEN 'cancelled' ELSE ? END,
         output_json = CASE WHEN cancel_requested_at IS NOT NULL THEN NULL ELSE ? END,
         consensus_json = CASE WHEN cancel_requested_at IS NOT NULL THEN NULL ELSE ? END,
         error_json = CASE WHEN cancel_requested_at IS NOT NULL THEN NULL ELSE ? END,
         usage_json = COALESCE(?, usage_json),
         lease_owner = NULL, lease_expires_at = NULL, completed_at = ?, updated_at = ?
       WHERE id = ? AND status = 'in_progress' AND lease_owner = ?
       RETURNING *`,
      p.outcome, completed ? toJson(p.output) : null, completed ? toJson(p.consensus) : null, toJson(error),
      toJson(p.usage), now, now, p.id, p.owner,
    );
    return row ? rowToRun(row) : null;
  }

  async runCancel(p: { id: string; projectId: string }) {
    const now = iso(Date.now());
    // Two guarded writes and a read in one IMMEDIATE transaction: SQLite cannot branch on the
    // status in one UPDATE, and holding the write lock means no claim can slip in between.
    const tx = this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE runs SET status = 'cancelled', completed_at = ?, updated_at = ?
           WHERE id = ? AND project_id = ? AND status IN ('pending', 'queued')`,
        )
        .run(now, now, p.id, p.projectId);
      this.db
        .prepare(
          `UPDATE runs SET cancel_requested_at = ?, updated_at = ?
           WHERE id = ? AND project_id = ? AND status = 'in_progress' AND cancel_requested_at IS NULL`,
        )
        .run(now, now, p.id, p.projectId);
      return this.one('SELECT * FROM runs WHERE id = ? AND project_id = ?', p.id, p.projectId);
    });
    const row = tx.immediate();
    return row ? rowToRun(row) : null;
  }

  async runRecoverExpired(p: { now?: Date }) {
    const nowMs = (p.now ?? new Date()).getTime();
    const now = iso(nowMs);
    const expired = "status = 'in_progress' AND lease_expires_at < ?";
    const ids = (sql: string, ...args: unknown[]) =>
      (this.db.prepare(sql).all(...args) as { id: string }[]).map((r) => r.id).sort();
    const tx = this.db.transaction(() => {
      // Cancel was requested and nobody will finish it: end it cancelled.
      const cancelled = ids(
        `UPDATE runs SET status = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, completed_at = ?, updated_at = ?
         WHERE ${expired} AND cancel_requested_at IS NOT NULL RETURNING id`,
        now, now, nowMs,
      );
      const failed = ids(
        `UPDATE runs SET status = 'failed', lease_owner = NULL, lease_expires_at = NULL, completed_at = ?, updated_at = ?,
           error_json = json_object('code', 'worker_lost',
             'message', 'The worker running this run stopped and no attempts remain',
             'details', json_object('attempts', attempts))
         WHERE ${expired} AND attempts >= max_attempts RETURNING id`,
        now, now, nowMs,
      );
      // Engines are pure functions of their input, so re-running an interrupted run is safe.
      const requeued = ids(
        `UPDATE runs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
         WHERE ${expired} AND attempts < max_attempts RETURNING id`,
        now, nowMs,
      );
      return { requeued, failed, cancelled };
    });
    return tx.immediate();
  }

  async runCounts() {
    const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
    const rows = this.db.prepare('SELECT status, COUNT(*) AS n FROM runs GROUP BY status').all() as {
      status: RunStatus;
      n: number;
    }[];
    for (const r of rows) counts[r.status] = r.n;
    return counts;
  }

  async apiKeyCreate(p: Parameters<RunStore['apiKeyCreate']>[0]) {
    return this.keys.create(p);
  }

  async apiKeyFindByHash(p: { keyHash: string }) {
    return this.keys.findByHash(p);
  }

  async apiKeyList(p: { projectId?: string }) {
    return this.keys.list(p);
  }

  async apiKeyRevoke(p: { id: string }) {
    return this.keys.revoke(p);
  }

  async apiKeyCount() {
    return this.keys.count();
  }

  async blobPut(p: { key: string; bytes: Uint8Array }) {
    await this.blobs.put(p.key, p.bytes);
  }

  async blobGet(p: { key: string }) {
    return this.blobs.get(p.key);
  }

  async templateCreate(p: Parameters<RunStore['templateCreate']>[0]) {
    return this.templates.create(p);
  }

  async templateGet(p: Parameters<RunStore['templateGet']>[0]) {
    return this.templates.get(p);
  }

  async templateList(p: Parameters<RunStore['templateList']>[0]) {
    return this.templates.list(p);
  }

  async templateUpdate(p: Parameters<RunStore['templateUpdate']>[0]) {
    return this.templates.update(p);
  }

  async templateDelete(p: Parameters<RunStore['templateDelete']>[0]) {
    return this.templates.delete(p);
  }

  /** One process per SQLite file's events travel in-process; nothing crosses processes here. */
  async listen(_fn: Parameters<RunStore['listen']>[0]) {
    return async () => {};
  }

  async close() {
    if (this.closed) return;
    if (this.createBatch.length) this.flushCreates(); // creates already accepted are written
    this.closed = true;
    this.db.close();
  }
}
