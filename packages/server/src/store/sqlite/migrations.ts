// SQLite schema migrations: numbered, forward-only, append-only. Applied at open inside one
// BEGIN IMMEDIATE transaction, so two processes opening the same file at once apply each version
// exactly once (the second waits on the write lock, then finds the versions already recorded).
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Version numbers are shared with the PostgreSQL driver's migrations (same numbers, same meaning). */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'runs_and_api_keys',
    sql: `
      CREATE TABLE runs (
        id                  TEXT PRIMARY KEY,
        primitive           TEXT NOT NULL,
        project_id          TEXT NOT NULL,
        status              TEXT NOT NULL CHECK (status IN ('pending','queued','in_progress','completed','failed','cancelled')),
        model               TEXT NOT NULL,
        file_json           TEXT,
        blob_key            TEXT,
        params_json         TEXT NOT NULL DEFAULT '{}',
        metadata_json       TEXT,
        output_json         TEXT,
        consensus_json      TEXT,
        error_json          TEXT,
        usage_json          TEXT,
        progress_json       TEXT,
        attempts            INTEGER NOT NULL DEFAULT 0,
        max_attempts        INTEGER NOT NULL DEFAULT 1,
        lease_owner         TEXT,
        -- epoch milliseconds: compared numerically by claim and recovery
        lease_expires_at    INTEGER,
        cancel_requested_at TEXT,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL,
        started_at          TEXT,
        completed_at        TEXT
      ) STRICT;
      -- claiming: queued runs oldest first
      CREATE INDEX runs_claim_idx ON runs (status, id);
      -- listing: one project's runs of one primitive, walked by id
      CREATE INDEX runs_list_idx ON runs (project_id, primitive, id);
      -- recovery: in_progress runs whose lease expired
      CREATE INDEX runs_lease_idx ON runs (status, lease_expires_at);

      CREATE TABLE api_keys (
        id           TEXT PRIMARY KEY,
        project_id   TEXT NOT NULL,
        name         TEXT,
        key_hash     TEXT NOT NULL UNIQUE,
        prefix       TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        revoked_at   TEXT,
        last_used_at TEXT
      ) STRICT;
      CREATE INDEX api_keys_project_idx ON api_keys (project_id, created_at);
    `,
  },
  {
    version: 2,
    name: 'idempotency_and_edit_templates',
    sql: `
      ALTER TABLE runs ADD COLUMN idempotency_key TEXT;
      ALTER TABLE runs ADD COLUMN request_hash TEXT;
      CREATE UNIQUE INDEX runs_idempotency_idx ON runs (project_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

      CREATE TABLE edit_templates (
        id               TEXT PRIMARY KEY,
        project_id       TEXT NOT NULL,
        name             TEXT NOT NULL,
        file_json        TEXT NOT NULL,
        blob_key         TEXT NOT NULL,
        form_fields_json TEXT NOT NULL DEFAULT '[]',
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      ) STRICT;
      -- listing: one project's templates walked by id
      CREATE INDEX edit_templates_list_idx ON edit_templates (project_id, id);
    `,
  },
];

/** Apply every migration not yet recorded. Returns the versions applied by this call. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const run = db.transaction((): number[] => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const done = new Set(
      (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
    );
    const applied: number[] = [];
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
      applied.push(m.version);
    }
    return applied;
  });
  // IMMEDIATE takes the write lock before reading schema_migrations, so a concurrent opener
  // cannot read "version 1 missing" at the same time as us (busy_timeout makes it wait).
  return run.immediate();
}

/** Versions recorded in the database, ascending. */
export function appliedVersions(db: Database.Database): number[] {
  return (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map(
    (r) => r.version,
  );
}
