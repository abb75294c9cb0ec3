// Applies pending schema migrations for the configured store without opening it for work, and
// reports what it did (`docket migrate`). Opening a store migrates too; this is the explicit step
// for deployments that migrate before starting many processes.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { type StoreConfig, storeDriver } from './open-store.ts';
import { appliedVersions, migrate } from './sqlite/migrations.ts';
import { appliedPostgresVersions, migratePostgres } from './postgres/pg-migrations.ts';

export interface MigrateResult {
  driver: 'sqlite' | 'postgres';
  /** Versions applied by this call (empty when the schema was current). */
  applied: number[];
  /** Every version now recorded, ascending. */
  versions: number[];
}

export async function migrateStore(config: StoreConfig): Promise<MigrateResult> {
  const driver = storeDriver(config);
  if (driver === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.databaseUrl!.trim(), max: 1 });
    pool.on('error', () => undefined);
    try {
      const applied = await migratePostgres(pool);
      return { driver, applied, versions: await appliedPostgresVersions(pool) };
    } finally {
      await pool.end();
    }
  }
  mkdirSync(config.dataDir, { recursive: true });
  const db = new Database(join(config.dataDir, 'docket.sqlite3'));
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    const applied = migrate(db);
    return { driver, applied, versions: appliedVersions(db) };
  } finally {
    db.close();
  }
}
