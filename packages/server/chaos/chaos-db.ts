// Chaos helper: direct, read-only looks at the runs table (SQLite file or PostgreSQL database) for the
// checks the API cannot make (output stored on cancelled runs, lease columns), and a throwaway
// PostgreSQL database per chaos run.
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { type TestDatabase, createTestDatabase, postgresUnavailable as pgUnavailable } from '../src/store/postgres/pg-test-db.ts';

export interface DbRun {
  id: string;
  status: string;
  attempts: number;
  maxAttempts: number;
  leaseOwner: string | null;
  hasOutput: boolean;
  errorCode: string | null;
  startedAt: string | null;
  completedAt: string | null;
  cancelRequestedAt: string | null;
}

export interface ChaosDb {
  runs(): Promise<DbRun[]>;
  close(): Promise<void>;
}

const COLUMNS = `id, status, attempts, max_attempts, lease_owner, output_json IS NOT NULL AS has_output, error_json,
  started_at, completed_at, cancel_requested_at`;

const iso = (v: unknown): string | null => (v == null ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

function toDbRun(r: Record<string, unknown>): DbRun {
  const err = typeof r.error_json === 'string' ? JSON.parse(r.error_json) : r.error_json;
  return {
    id: String(r.id), status: String(r.status), attempts: Number(r.attempts), maxAttempts: Number(r.max_attempts),
    leaseOwner: (r.lease_owner as string | null) ?? null, hasOutput: Boolean(r.has_output), errorCode: (err as { code?: string } | null)?.code ?? null,
    startedAt: iso(r.started_at), completedAt: iso(r.completed_at), cancelRequestedAt: iso(r.cancel_requested_at),
  };
}

export function openSqliteChaosDb(dataDir: string): ChaosDb {
  const db = new Database(path.join(dataDir, 'docket.sqlite3'), { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const stmt = db.prepare(`SELECT ${COLUMNS} FROM runs`);
  return {
    runs: async () => (stmt.all() as Record<string, unknown>[]).map(toDbRun),
    close: async () => void db.close(),
  };
}

export async function openPostgresChaosDb(url: string): Promise<ChaosDb> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  return {
    runs: async () => (await c.query(`SELECT ${COLUMNS} FROM runs`)).rows.map(toDbRun),
    close: () => c.end(),
  };
}

export const PG_ADMIN_URL = process.env.DOCKET_CHAOS_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Why PostgreSQL cannot be used, or null when it answers. */
export const postgresUnavailable = (adminUrl = PG_ADMIN_URL): Promise<string | null> => pgUnavailable(adminUrl);

/** Creates `<prefix>_<pid>_<hex>`; drop() removes it with any connection still open. */
export function createChaosDatabase(adminUrl = PG_ADMIN_URL, prefix = 'docket_chaos'): Promise<TestDatabase> {
  return createTestDatabase({ adminUrl, prefix });
}
