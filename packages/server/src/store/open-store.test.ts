// openStore picks SQLite without a DATABASE_URL and refuses PostgreSQL clearly until its driver exists.
import { describe, expect, it } from 'vitest';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from './open-store.ts';

describe('openStore', () => {
  it('opens the SQLite store under dataDir when no databaseUrl is set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'docket-open-'));
    try {
      const store = await openStore({ dataDir: join(dir, 'data'), databaseUrl: null });
      expect(await store.runCounts()).toMatchObject({ queued: 0 });
      await store.close();
      expect((await stat(join(dir, 'data', 'docket.sqlite3'))).isFile()).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a databaseUrl with a clear message', async () => {
    await expect(openStore({ dataDir: '/nonexistent', databaseUrl: 'postgres://x/y' })).rejects.toThrow(
      /PostgreSQL support \(DATABASE_URL\) is not implemented yet; unset DATABASE_URL/,
    );
  });
});
