// PostgreSQL schema migrations: the same version numbers with the same meaning as
// ../sqlite/migrations.ts (1: runs + api keys (+ blobs, which SQLite keeps on the filesystem);
// 2: idempotency keys + edit templates). Applied in one transaction under a transaction-scoped
// advisory lock, so processes opening the database at once apply each version exactly once: the
// others wait on the lock, then find the versions recorded.
import type pg from 'pg';
import type { Migration } from '../sqlite/migrations.ts';

/** Arbitrary constant naming Docket's migration lock (pg_advisory_xact_lock takes a bigint). */
const MIGRATION_LOCK_KEY = 7_252_017_301;

export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'runs_and_api_keys',
    sql: `
      -- ids are compared and ordered bytewise (COLLATE "C"), whatever the database's locale, as in SQLite
      CREATE TABLE runs (
        id                  text COLLATE "C" PRIMARY KEY,
        primitive           text NOT NULL,
        project_id          text NOT NULL,
        status              text NOT NULL CHECK (status IN ('pending','queued','in_progress','completed','failed','cancelled')),
        model               text NOT NULL,
        -- json, not jsonb: keeps the text (and key order) exactly as written, like SQLite
        file_json           json,
        blob_key            text,
        params_json         json NOT NULL DEFAULT '{}',
        metadata_json       json,
        output_json         json,
        consensus_json      json,
        error_json          json,
        usage_json          json,
        progress_json       json,
        attempts            integer NOT NULL DEFAULT 0,
        max_attempts        integer NOT NULL DEFAULT 1,
        lease_owner         text,
        -- epoch milliseconds: compared numerically by claim and recovery
        lease_expires_at    bigint,
        cancel_requested_at timestamptz,
        created_at          timestamptz NOT NULL,
        updated_at          timestamptz NOT NULL,
        started_at          timestamptz,
        completed_at        timestamptz
      );
      -- claiming: queued runs oldest first
      CREATE INDEX runs_claim_idx ON runs (id) WHERE status = 'queued';
      -- listing: one project's runs of one primitive, walked by id
      CREATE INDEX runs_list_idx ON runs (project_id, primitive, id);
      -- recovery: in_progress runs whose lease expired
      CREATE INDEX runs_lease_idx ON runs (lease_expires_at) WHERE status = 'in_progress';

      CREATE TABLE api_keys (
        id           text PRIMARY KEY,
        project_id   text NOT NULL,
        name         text,
        key_hash     text NOT NULL UNIQUE,
        prefix       text NOT NULL,
        created_at   timestamptz NOT NULL,
        revoked_at   timestamptz,
        last_used_at timestamptz
      );
      CREATE INDEX api_keys_project_idx ON api_keys (project_id, created_at);

      -- document bytes by content hash: no shared filesystem between processes
      CREATE TABLE blobs (
        key        text PRIMARY KEY,
        bytes      bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 2,
    name: 'idempotency_and_edit_templates',
    sql: `
      ALTER TABLE runs ADD COLUMN idempotency_key text, ADD COLUMN request_hash text;
      CREATE UNIQUE INDEX runs_idempotency_idx ON runs (project_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

      CREATE TABLE edit_templates (
        id               text COLLATE "C" PRIMARY KEY,
        project_id       text NOT NULL,
        name             text NOT NULL,
        file_json        json NOT NULL,
        blob_key         text NOT NULL,
        form_fields_json json NOT NULL DEFAULT '[]',
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL
      );
      CREATE INDEX edit_templates_list_idx ON edit_templates (project_id, id);
    `,
  },
];

/** Apply every migration not yet recorded. Returns the versions applied by this call. */
export async function migratePostgres(pool: pg.Pool, migrations: readonly Migration[] = PG_MIGRATIONS): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // The lock comes before anything else, even CREATE TABLE IF NOT EXISTS (which races on a fresh database).
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL
    )`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Versions recorded in the database, ascending. */
export async function appliedPostgresVersions(pool: pg.Pool): Promise<number[]> {
  const r = await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  return r.rows.map((x) => x.version);
}
