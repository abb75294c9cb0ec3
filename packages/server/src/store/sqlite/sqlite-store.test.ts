// Runs the RunStore contract on the SQLite driver (a temp dir per test), plus SQLite-only checks:
// two connections on one file, reopen after close, migrations idempotent.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStoreContract } from '../store.contract.ts';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openDatabase, openSqliteStore } from './sqlite-store.ts';
import { MIGRATIONS, appliedVersions, migrate } from './migrations.ts';
import { PROJECT, runParams } from '../contract/helpers.ts';

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

describe('SQLite driver specifics', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = '';
  });

  it('opens with WAL, foreign keys and busy_timeout, and the migrations recorded', async () => {
    dir = await tempDir();
    const store = await openSqliteStore({ dataDir: join(dir, 'nested', 'data') });
    await store.close();
    const db = new Database(join(dir, 'nested', 'data', 'docket.sqlite3'));
    db.pragma('busy_timeout = 5000');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(appliedVersions(db)).toEqual(MIGRATIONS.map((m) => m.version));
    db.close();
    const conn = openDatabase(join(dir, 'nested', 'data', 'docket.sqlite3'));
    expect(conn.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(conn.pragma('busy_timeout', { simple: true })).toBe(5000);
    conn.close();
  });

  it('migrations are idempotent: re-running applies nothing; concurrent opens apply once', async () => {
    dir = await tempDir();
    const stores = await Promise.all([1, 2, 3].map(() => openSqliteStore({ dataDir: dir })));
    await Promise.all(stores.map((s) => s.close()));
    const db = openDatabase(join(dir, 'docket.sqlite3'));
    expect(migrate(db)).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: MIGRATIONS.length });
    db.close();
  });

  it('upgrades a version-1 file in place: existing runs keep working and gain idempotency keys', async () => {
    dir = await tempDir();
    const v1 = new Database(join(dir, 'docket.sqlite3'));
    expect(migrate(v1, MIGRATIONS.filter((m) => m.version === 1))).toEqual([1]);
    v1.prepare(
      `INSERT INTO runs (id, primitive, project_id, status, model, params_json, created_at, updated_at)
       VALUES ('extr_OLD', 'extraction', ?, 'queued', 'retab-small', '{}', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')`,
    ).run(PROJECT);
    v1.close();
    const s = await openSqliteStore({ dataDir: dir });
    expect((await s.runGet({ id: 'extr_OLD' }))?.status).toBe('queued');
    await s.runCreate(runParams({ idempotencyKey: 'k' }));
    expect((await s.runFindByIdempotencyKey({ projectId: PROJECT, key: 'k' }))?.requestHash).toBeNull();
    await s.close();
  });

  it('separate processes opening a fresh file at once apply each migration once', async () => {
    dir = await tempDir();
    const children = [1, 2, 3, 4].map((i) => spawnClaimer(dir, `opener${i}`, 'open'));
    await Promise.all(children.map((c) => c.lines.next()));
    await Promise.all(children.map((c) => c.exited));
    const db = openDatabase(join(dir, 'docket.sqlite3'));
    expect(appliedVersions(db)).toEqual(MIGRATIONS.map((m) => m.version));
    db.close();
  });

  it('reopening after close keeps runs, api keys and blobs', async () => {
    dir = await tempDir();
    const a = await openSqliteStore({ dataDir: dir, filename: 'custom.db' });
    const run = await a.runCreate(runParams({ metadata: { k: 'v' } }));
    const [claimed] = await a.runClaim({ owner: 'w', limit: 1, leaseMs: 60_000 });
    await a.apiKeyCreate({ id: 'key_1', projectId: PROJECT, name: 'n', keyHash: 'hash', prefix: 'dk_' });
    await a.blobPut({ key: 'cafe01', bytes: new Uint8Array([1, 2, 3]) });
    await a.close();
    await a.close(); // idempotent
    const b = await openSqliteStore({ dataDir: dir, filename: 'custom.db' });
    expect(await b.runGet({ id: run.id })).toEqual(claimed);
    expect((await b.apiKeyFindByHash({ keyHash: 'hash' }))?.id).toBe('key_1');
    expect(Array.from((await b.blobGet({ key: 'cafe01' }))!)).toEqual([1, 2, 3]);
    expect(await b.runFinish({ id: run.id, owner: 'w', outcome: 'completed', output: { ok: true } })).not.toBeNull();
    await b.close();
  });

  it('two store instances on one file claiming concurrently never double-claim', async () => {
    dir = await tempDir();
    const a = await openSqliteStore({ dataDir: dir });
    const b = await openSqliteStore({ dataDir: dir });
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push((await a.runCreate(runParams())).id);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).runClaim({ owner: i % 2 ? 'A' : 'B', limit: 2, leaseMs: 60_000 })),
    );
    const won = results.flat().map((r) => r.id);
    expect(new Set(won).size).toBe(won.length);
    expect(won.sort()).toEqual(ids.sort());
    await a.close();
    await b.close();
  });

  it('three OS processes claiming and finishing from one file never double-claim', async () => {
    dir = await tempDir();
    const seed = await openSqliteStore({ dataDir: dir });
    const ids: string[] = [];
    for (let i = 0; i < 150; i++) ids.push((await seed.runCreate(runParams())).id);
    const children = ['p1', 'p2', 'p3'].map((o) => spawnClaimer(dir, o, 'claim'));
    for (const c of children) expect(await c.lines.next()).toEqual({ value: 'ready', done: false });
    for (const c of children) c.child.stdin!.write('go\n');
    const won = await Promise.all(children.map(async (c) => JSON.parse((await c.lines.next()).value as string) as string[]));
    await Promise.all(children.map((c) => c.exited));
    const all = won.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(ids.sort());
    expect((await seed.runCounts()).completed).toBe(150);
    for (const [i, owner] of ['p1', 'p2', 'p3'].entries()) {
      for (const id of won[i].slice(0, 5)) expect((await seed.runGet({ id }))?.output).toEqual({ by: owner });
    }
    await seed.close();
  });

  it('matches non-ASCII filenames case-insensitively', async () => {
    dir = await tempDir();
    const s = await openSqliteStore({ dataDir: dir });
    const r = await s.runCreate(runParams({ file: { id: 'f', filename: 'ÄRGER-Überweisung.pdf', mime_type: 'application/pdf' } }));
    const got = await s.runList({ projectId: PROJECT, primitive: 'extraction', limit: 10, order: 'desc', filename: 'ärger-über' });
    expect(got.data.map((x) => x.id)).toEqual([r.id]);
    await s.close();
  });

  it('refuses blob keys that could escape the blob directory', async () => {
    dir = await tempDir();
    const s = await openSqliteStore({ dataDir: dir });
    for (const key of ['../x', 'a/../../b', '/etc/passwd', '', 'a', 'ab/cd', '..']) {
      await expect(s.blobPut({ key, bytes: new Uint8Array([1]) })).rejects.toThrow(/invalid blob key/);
    }
    await s.close();
  });
});

/** Spawn multi-process-claimer.ts under tsx; `lines` yields its stdout lines. */
function spawnClaimer(dataDir: string, owner: string, mode: 'open' | 'claim') {
  const script = fileURLToPath(new URL('./multi-process-claimer.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir, owner, mode], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${owner} exited with ${code}`)))),
  );
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return { child, lines, exited };
}
