// Throwaway PostgreSQL databases for tests, the chaos script and the benchmarks. The server comes
// from DOCKET_TEST_DATABASE_URL (default: postgresql://postgres@127.0.0.1:5432/postgres) unless a
// caller names another; each call creates `<prefix>_<pid>_<random>` and `drop()` removes it
// (WITH FORCE: stray connections too).
import pg from 'pg';
import { randomBytes } from 'node:crypto';

export const ADMIN_URL = process.env.DOCKET_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Why PostgreSQL cannot be used for tests, or null when it answers. */
export async function postgresUnavailable(adminUrl = ADMIN_URL): Promise<string | null> {
  const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  c.on('error', () => undefined);
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (err) {
    return `PostgreSQL unreachable at ${adminUrl} (${(err as Error).message}); set DOCKET_TEST_DATABASE_URL`;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function createTestDatabase(o: { adminUrl?: string; prefix?: string } = {}): Promise<TestDatabase> {
  const adminUrl = o.adminUrl ?? ADMIN_URL;
  const name = `${o.prefix ?? 'docket_test'}_${process.pid}_${randomBytes(5).toString('hex')}`;
  await admin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
