// API keys on SQLite: the api_keys table (hashes only, never the keys). Used by SqliteStore; one
// connection, synchronous statements.
import type Database from 'better-sqlite3';
import type { ApiKeyRecord, RunStore } from '../run-store.ts';
import { type ApiKeyRow, rowToApiKey } from '../row-mapper.ts';

/** Interval (ms) below which findByHash does not rewrite last_used_at: avoids a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

const iso = (ms: number): string => new Date(ms).toISOString();

export class SqliteApiKeys {
  constructor(private readonly db: Database.Database) {}

  create(p: Parameters<RunStore['apiKeyCreate']>[0]): ApiKeyRecord {
    const row = this.db
      .prepare(`INSERT INTO api_keys (id, project_id, name, key_hash, prefix, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING *`)
      .get(p.id, p.projectId, p.name, p.keyHash, p.prefix, iso(Date.now())) as ApiKeyRow;
    return rowToApiKey(row);
  }

  /** Finds a key by hash, revoked or not (the caller checks revokedAt); touches last_used_at at most once a minute. */
  findByHash(p: { keyHash: string }): ApiKeyRecord | null {
    const nowMs = Date.now();
    const row = this.db
      .prepare(
        `UPDATE api_keys SET last_used_at = ?
         WHERE key_hash = ? AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at < ?)
         RETURNING *`,
      )
      .get(iso(nowMs), p.keyHash, iso(nowMs - LAST_USED_RESOLUTION_MS)) as ApiKeyRow | undefined;
    const found = row ?? (this.db.prepare('SELECT * FROM api_keys WHERE key_hash = ?').get(p.keyHash) as ApiKeyRow | undefined);
    return found ? rowToApiKey(found) : null;
  }

  list(p: { projectId?: string }): ApiKeyRecord[] {
    const rows = (
      p.projectId === undefined
        ? this.db.prepare('SELECT * FROM api_keys ORDER BY created_at, id').all()
        : this.db.prepare('SELECT * FROM api_keys WHERE project_id = ? ORDER BY created_at, id').all(p.projectId)
    ) as ApiKeyRow[];
    return rows.map(rowToApiKey);
  }

  revoke(p: { id: string }): boolean {
    return this.db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(iso(Date.now()), p.id).changes > 0;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM api_keys').get() as { n: number }).n;
  }
}
