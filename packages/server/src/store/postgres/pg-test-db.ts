// Test helper: a throwaway PostgreSQL database per test file. The server comes from
// DOCKET_TEST_DATABASE_URL (Default: postgresql://postgres@127.0.0.1:5432/postgres); each call
// creates `docket_test_<pid>_<random>` and `drop()` removes it (WITH FORCE: stray connections too).
import pg from 'pg';
import { randomBytes } from 'node:crypto';

export const ADMIN_URL = process.env.DOCKET_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Why PostgreSQL cannot be used for tests, or null when it answers. */
export async function postgresUnavailable(): Promise<string | null> {
  const c = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  c.on('error', () => undefined);
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (err) {
    return `PostgreSQL unreachable at ${ADMIN_URL} (${(err as Error).message}); set DOCKET_TEST_DATABASE_URL`;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `docket_test_${process.pid}_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
