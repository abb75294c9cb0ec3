// Throughput of the PostgreSQL store beside the SQLite store (not a test): creates/s, claims/s
// (batch 1 and 10), claim→heartbeat→finish cycles/s sequentially and with 8 concurrent workers,
// each with a raw single-row INSERT on the same database as the reference, all measured in one run.
// PostgreSQL runs on a throwaway database (DOCKET_TEST_DATABASE_URL names the server).
// Run: node --import tsx packages/server/src/store/postgres/postgres-bench.ts [N]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunStore } from '../run-store.ts';
import { runParams } from '../contract/helpers.ts';
import { openDatabase, openSqliteStore } from '../sqlite/sqlite-store.ts';
import { openPostgresStore } from './postgres-store.ts';
import { createTestDatabase, postgresUnavailable } from './pg-test-db.ts';

const N = Number(process.argv[2] ?? 2000);
const WORKERS = 8;

async function rate(n: number, fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return n / ((performance.now() - t0) / 1000);
}

/** Every figure for one store; `rawInsert` runs one autocommit single-row INSERT on the same database. */
async function measure(store: RunStore, rawInsert: (i: number) => Promise<void>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  out['reference: raw autocommit INSERT'] = await rate(N, async () => {
    for (let i = 0; i < N; i++) await rawInsert(i);
  });
  out['runCreate (queued, sequential)'] = await rate(N, async () => {
    for (let i = 0; i < N; i++) await store.runCreate(runParams({ metadata: { batch: String(i % 10) } }));
  });
  const half = Math.floor(N / 2);
  out['runClaim limit 1 (sequential)'] = await rate(half, async () => {
    for (let i = 0; i < half; i++) await store.runClaim({ owner: 'w', limit: 1, leaseMs: 60_000 });
  });
  const batches = Math.floor((N - half) / 10);
  out['runClaim limit 10 (runs claimed/s)'] = await rate(batches * 10, async () => {
    for (let i = 0; i < batches; i++) await store.runClaim({ owner: 'w', limit: 10, leaseMs: 60_000 });
  });

  const cycle = async (owner: string): Promise<boolean> => {
    const [run] = await store.runClaim({ owner, limit: 1, leaseMs: 60_000 });
    if (!run) return false;
    await store.runHeartbeat({ id: run.id, owner, leaseMs: 60_000, progress: { stage: 's', completed: 1, total: 1, unit: 'pages' } });
    if (!(await store.runFinish({ id: run.id, owner, outcome: 'completed', output: { ok: true } }))) throw new Error('finish refused');
    return true;
  };
  for (let i = 0; i < N; i++) await store.runCreate(runParams());
  out['cycle claim(1)+heartbeat+finish, 1 worker'] = await rate(N, async () => {
    for (let i = 0; i < N; i++) await cycle('w1');
  });
  for (let i = 0; i < N; i++) await store.runCreate(runParams());
  out[`cycle claim(1)+heartbeat+finish, ${WORKERS} workers`] = await rate(N, async () => {
    await Promise.all(Array.from({ length: WORKERS }, async (_, w) => {
      while (await cycle(`w${w}`));
    }));
  });
  if ((await store.runCounts()).completed !== 2 * N) throw new Error('not every run completed');
  return out;
}

async function sqliteFigures(): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'docket-bench-'));
  try {
    const raw = openDatabase(join(dir, 'raw.sqlite3'));
    raw.exec('CREATE TABLE t (id TEXT PRIMARY KEY, body TEXT)');
    const ins = raw.prepare('INSERT INTO t VALUES (?, ?)');
    const body = JSON.stringify(runParams());
    const store = await openSqliteStore({ dataDir: dir });
    try {
      return await measure(store, async (i) => void ins.run(`r${i}`, body));
    } finally {
      raw.close();
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function postgresFigures(): Promise<Record<string, number>> {
  const db = await createTestDatabase();
  try {
    const store = await openPostgresStore({ databaseUrl: db.url, maxConnections: WORKERS + 2 });
    try {
      await store.pool.query('CREATE TABLE t (id text PRIMARY KEY, body text)');
      const body = JSON.stringify(runParams());
      return await measure(store, async (i) => void (await store.pool.query('INSERT INTO t VALUES ($1, $2)', [`r${i}`, body])));
    } finally {
      await store.close();
    }
  } finally {
    await db.drop();
  }
}

const unavailable = await postgresUnavailable();
const sqlite = await sqliteFigures();
const pg = unavailable ? null : await postgresFigures();
if (unavailable) console.log(`PostgreSQL: ${unavailable}`);
const fmt = (v: number | undefined) => (v === undefined ? '-' : Math.round(v).toString()).padStart(9);
console.log(`N=${N}; ops/s${' '.repeat(33)}   SQLite  PostgreSQL  PG/SQLite  PG/PG-raw-insert`);
for (const [label, s] of Object.entries(sqlite)) {
  const p = pg?.[label];
  const pgRef = pg?.['reference: raw autocommit INSERT'];
  const ratio = p === undefined ? '' : `${(p / s).toFixed(2)}×`.padStart(10);
  const refRatio = p === undefined || !pgRef ? '' : `${(p / pgRef).toFixed(2)}×`.padStart(12);
  console.log(`${label.padEnd(44)} ${fmt(s)} ${fmt(p)}  ${ratio}  ${refRatio}`);
}
