// Runs the RunStore contract unchanged on the PostgreSQL driver: one fresh database for this file
// (created in beforeAll, dropped in afterAll), emptied before each test. Skipped, with the reason,
// only when PostgreSQL is unreachable.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { runStoreContract } from '../store.contract.ts';
import { openPostgresStore } from './postgres-store.ts';
import { type TestDatabase, createTestDatabase, postgresUnavailable } from './pg-test-db.ts';

const unavailable = await postgresUnavailable();

if (unavailable) {
  describe('RunStore contract: postgres', () => {
    // Skipped only when no PostgreSQL server answers (CI has one); the reason is the test's name.
    it.skip(`skipped: ${unavailable}`, () => undefined);
  });
} else {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  runStoreContract('postgres', async () => {
    const store = await openPostgresStore({ databaseUrl: db.url, maxConnections: 4 });
    await store.pool.query('TRUNCATE runs, api_keys, edit_templates, blobs');
    return { store, cleanup: () => store.close() };
  });
}
