// PostgreSQL-only behaviour beyond the contract: two pools claiming at once, NOTIFY reaching
// another store instance's listener (and surviving a dropped connection), migrations under
// concurrent opens, blobs in bytea, and rows that read back exactly like SQLite's.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunStore, StoreNotification } from '../run-store.ts';
import { PROJECT, runParams } from '../contract/helpers.ts';
import { type PostgresStore, openPostgresStore } from './postgres-store.ts';
import { PG_MIGRATIONS, appliedPostgresVersions, migratePostgres } from './pg-migrations.ts';
import { type TestDatabase, createTestDatabase, postgresUnavailable } from './pg-test-db.ts';
import { openStore } from '../open-store.ts';
import { migrateStore } from '../migrate-store.ts';

const unavailable = await postgresUnavailable();

/** Collects notifications; `next` resolves with the first (already received or future) matching one. */
function inbox() {
  const got: StoreNotification[] = [];
  const waiters: { pred: (n: StoreNotification) => boolean; resolve: (n: StoreNotification) => void }[] = [];
  const fn = (n: StoreNotification) => {
    const i = waiters.findIndex((w) => w.pred(n));
    if (i >= 0) waiters.splice(i, 1)[0].resolve(n);
    else got.push(n);
  };
  const next = (pred: (n: StoreNotification) => boolean) =>
    new Promise<StoreNotification>((resolve) => {
      const i = got.findIndex(pred);
      if (i >= 0) resolve(got.splice(i, 1)[0]);
      else waiters.push({ pred, resolve });
    });
  return { fn, next, got };
}

describe.skipIf(unavailable !== null)(`PostgreSQL driver specifics${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let db: TestDatabase;
  const open: PostgresStore[] = [];
  const openPg = async () => {
    const s = await openPostgresStore({ databaseUrl: db.url, maxConnections: 4 });
    open.push(s);
    return s;
  };
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  beforeEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    const s = await openPg();
    await s.pool.query('TRUNCATE runs, api_keys, edit_templates, blobs');
  });
  afterAll(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    await db?.drop();
  });

  it('two pools claiming concurrently never double-claim', async () => {
    const [a, b] = [await openPg(), await openPg()];
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) ids.push((await a.runCreate(runParams())).id);
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).runClaim({ owner: i % 2 ? 'A' : 'B', limit: 4, leaseMs: 60_000 })),
    );
    const won = results.flat().map((r) => r.id);
    expect(new Set(won).size).toBe(won.length);
    expect(won.length).toBe(200);
    expect(won.sort()).toEqual(ids.sort());
    for (const batch of results) expect(batch.length).toBeLessThanOrEqual(4);
    expect((await a.runCounts()).in_progress).toBe(200);
  });

  it('NOTIFY reaches a second store instance: queued, cancel of a running run, terminal', async () => {
    const [a, b] = [await openPg(), await openPg()];
    const box = inbox();
    const unsubscribe = await b.listen(box.fn);

    await a.runCreate(runParams({ status: 'pending' })); // pending: no wake-up yet
    const run = await a.runCreate(runParams());
    expect(await box.next((n) => n.type === 'queued')).toEqual({ type: 'queued' });
    const [claimed] = await a.runClaim({ owner: 'w', limit: 1, leaseMs: 60_000 });
    expect(claimed.id).toBe(run.id);
    await a.runCancel({ id: run.id, projectId: PROJECT });
    expect(await box.next((n) => n.type === 'cancel')).toEqual({ type: 'cancel', id: run.id });
    await a.runFinish({ id: run.id, owner: 'w', outcome: 'completed', output: {} });
    expect(await box.next((n) => n.type === 'terminal')).toEqual({ type: 'terminal', id: run.id });

    // Recovery: an expired lease with no attempts left ends failed → terminal.
    const lost = await a.runCreate(runParams({ maxAttempts: 1 }));
    await a.runClaim({ owner: 'gone', limit: 1, leaseMs: 1 });
    const rec = await a.runRecoverExpired({ now: new Date(Date.now() + 60_000) });
    expect(rec.failed).toEqual([lost.id]);
    expect(await box.next((n) => n.type === 'terminal' && n.id === lost.id)).toEqual({ type: 'terminal', id: lost.id });

    await unsubscribe();
    const other = inbox();
    await b.listen(other.fn);
    await a.runCreate(runParams());
    await other.next((n) => n.type === 'queued');
    expect(box.got.filter((n) => n.type !== 'queued')).toEqual([]); // nothing after unsubscribing
  });

  it('the listener reconnects after its connection is killed and tells subscribers to look for work', async () => {
    const [a, b] = [await openPg(), await openPg()];
    const box = inbox();
    await b.listen(box.fn);
    const pid = b.listener.backendPid!;
    expect(pid).toBeGreaterThan(0);
    await a.pool.query('SELECT pg_terminate_backend($1)', [pid]);
    // After reconnecting, the listener reports `queued` once (notifications may have been missed).
    expect(await box.next((n) => n.type === 'queued')).toEqual({ type: 'queued' });
    expect(b.listener.connects).toBe(2);
    expect(b.listener.backendPid).not.toBe(pid);
    const run = await a.runCreate(runParams());
    await a.runClaim({ owner: 'w', limit: 1, leaseMs: 60_000 });
    await a.runCancel({ id: run.id, projectId: PROJECT });
    expect(await box.next((n) => n.type === 'cancel')).toEqual({ type: 'cancel', id: run.id });
  });

  it('migrations are idempotent under concurrent opens of a fresh database', async () => {
    const fresh = await createTestDatabase();
    try {
      const stores = await Promise.all([1, 2, 3, 4, 5].map(() => openPostgresStore({ databaseUrl: fresh.url, maxConnections: 2 })));
      expect(await appliedPostgresVersions(stores[0].pool)).toEqual(PG_MIGRATIONS.map((m) => m.version));
      expect(await migratePostgres(stores[0].pool)).toEqual([]);
      expect(await migrateStore({ dataDir: '/nonexistent', databaseUrl: fresh.url })).toEqual({
        driver: 'postgres',
        applied: [],
        versions: [1, 2],
      });
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await fresh.drop();
    }
  });

  it('blobs round-trip through bytea and are visible to another instance', async () => {
    const [a, b] = [await openPg(), await openPg()];
    const bytes = new Uint8Array(3 * 1024 * 1024 + 5).map((_, i) => (i * 7 + (i >> 8)) % 256);
    const view = new Uint8Array(bytes.buffer, 5, 1000); // an offset view: only its bytes are stored
    await a.blobPut({ key: 'k-full', bytes });
    await a.blobPut({ key: 'k-view', bytes: view });
    await a.blobPut({ key: 'k-full', bytes: new Uint8Array([1]) }); // content-addressed: first write stays
    expect(Buffer.from((await b.blobGet({ key: 'k-full' }))!).equals(Buffer.from(bytes))).toBe(true);
    expect(Array.from((await b.blobGet({ key: 'k-view' }))!)).toEqual(Array.from(view));
    expect(await b.blobGet({ key: 'absent' })).toBeNull();
  });

  it('reads back like SQLite: millisecond ISO timestamps with Z, JSON text and key order as written', async () => {
    const s: RunStore = await openPg();
    const run = await s.runCreate(runParams({ metadata: { z: '1', a: '2' } }));
    await s.runClaim({ owner: 'w', limit: 1, leaseMs: 60_000 });
    await s.runHeartbeat({ id: run.id, owner: 'w', leaseMs: 60_000, progress: { stage: 'p', completed: 1, total: null, unit: 'pages' } });
    const done = (await s.runFinish({ id: run.id, owner: 'w', outcome: 'completed', output: { zeta: 1, alpha: [1.5, 'x'], mid: null } }))!;
    const isoMs = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
    for (const t of [done.createdAt, done.updatedAt, done.startedAt, done.completedAt]) expect(t).toMatch(isoMs);
    expect(Object.keys(done.output as object)).toEqual(['zeta', 'alpha', 'mid']);
    expect(Object.keys(done.metadata!)).toEqual(['z', 'a']);
    expect(await s.runGet({ id: run.id })).toEqual(done);
  });

  it('openStore selects PostgreSQL for postgres:// and postgresql:// URLs', async () => {
    for (const url of [db.url, db.url.replace(/^postgresql:/, 'postgres:')]) {
      const s = await openStore({ dataDir: '/nonexistent', databaseUrl: url });
      expect(s.constructor.name).toBe('PostgresStore');
      expect(await s.runCounts()).toMatchObject({ queued: 0 });
      await s.close();
    }
  });
});
