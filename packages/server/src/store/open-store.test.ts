// openStore picks SQLite without a DATABASE_URL and refuses a URL that is not PostgreSQL's; migrateStore
// migrates SQLite once. (PostgreSQL selection is tested in postgres/postgres-specifics.test.ts.)
import { describe, expect, it } from 'vitest';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPostgresUrl, openStore } from './open-store.ts';
import { migrateStore } from './migrate-store.ts';

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

  it('refuses a databaseUrl that is not a PostgreSQL URL, with a clear message', async () => {
    await expect(openStore({ dataDir: '/nonexistent', databaseUrl: 'mysql://x/y' })).rejects.toThrow(
      /DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/; unset it/,
    );
    expect(['postgres://h/d', 'postgresql://u@h:5432/d', ' POSTGRES://h/d'].map(isPostgresUrl)).toEqual([true, true, true]);
    expect(['postgre://h', 'sqlite:///x', 'http://h'].map(isPostgresUrl)).toEqual([false, false, false]);
  });

  it('migrateStore applies the SQLite migrations once and reports the versions', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'docket-migrate-'));
    try {
      expect(await migrateStore({ dataDir: join(dir, 'd') })).toEqual({ driver: 'sqlite', applied: [1, 2], versions: [1, 2] });
      expect(await migrateStore({ dataDir: join(dir, 'd') })).toEqual({ driver: 'sqlite', applied: [], versions: [1, 2] });
      const store = await openStore({ dataDir: join(dir, 'd') });
      expect(await store.templateList({ projectId: 'p', limit: 10, order: 'desc' })).toEqual({ data: [], hasMore: false });
      await store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
