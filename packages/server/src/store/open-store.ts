// Chooses the RunStore driver from config: PostgreSQL when databaseUrl is a postgres:// or
// postgresql:// URL (many processes on one database), else the embedded SQLite store under dataDir.
import type { RunStore } from './run-store.ts';
import { openSqliteStore } from './sqlite/sqlite-store.ts';
import { openPostgresStore } from './postgres/postgres-store.ts';

export interface StoreConfig {
  /** Directory for the SQLite file and blobs. */
  dataDir: string;
  /** PostgreSQL connection string; null/undefined selects SQLite. */
  databaseUrl?: string | null;
}

/** True for the connection strings the PostgreSQL driver accepts. */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url.trim());

/** The driver `config` selects; throws on a databaseUrl that is not a PostgreSQL URL. */
export function storeDriver(config: StoreConfig): 'sqlite' | 'postgres' {
  if (!config.databaseUrl) return 'sqlite';
  if (isPostgresUrl(config.databaseUrl)) return 'postgres';
  throw new Error('DATABASE_URL must start with postgres:// or postgresql://; unset it to use the embedded SQLite store');
}

export async function openStore(config: StoreConfig): Promise<RunStore> {
  if (storeDriver(config) === 'postgres') return openPostgresStore({ databaseUrl: config.databaseUrl!.trim() });
  return openSqliteStore({ dataDir: config.dataDir });
}
