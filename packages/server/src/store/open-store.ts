// Chooses the RunStore driver from config: the embedded SQLite store by default; PostgreSQL
// (DATABASE_URL) is planned and refused with a clear message until its driver exists.
import type { RunStore } from './run-store.ts';
import { openSqliteStore } from './sqlite/sqlite-store.ts';

export interface StoreConfig {
  /** Directory for the SQLite file and blobs. */
  dataDir: string;
  /** PostgreSQL connection string; null/undefined selects SQLite. */
  databaseUrl?: string | null;
}

export async function openStore(config: StoreConfig): Promise<RunStore> {
  if (config.databaseUrl) {
    throw new Error(
      'PostgreSQL support (DATABASE_URL) is not implemented yet; unset DATABASE_URL to use the embedded SQLite store',
    );
  }
  return openSqliteStore({ dataDir: config.dataDir });
}
