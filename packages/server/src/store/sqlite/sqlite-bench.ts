// Throughput figures for the SQLite store (not a test): creates/s, claims/s (batch 1 and 10),
// full claim→heartbeat→finish cycles/s, and a filtered list page — each printed with its ratio
// to a raw better-sqlite3 autocommit INSERT measured in the same run on the same settings.
// Run: node --import tsx packages/server/src/store/sqlite/sqlite-bench.ts [N]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, openSqliteStore } from './sqlite-store.ts';
import { runParams } from '../contract/helpers.ts';

const N = Number(process.argv[2] ?? 5000);

async function timed(label: string, n: number, fn: () => Promise<void>, ref?: number): Promise<number> {
  const t0 = performance.now();
  await fn();
  const perSec = n / ((performance.now() - t0) / 1000);
  const ratio = ref ? `  (${(perSec / ref).toFixed(2)}× raw insert)` : '';
  console.log(`${label.padEnd(44)} ${Math.round(perSec).toString().padStart(8)} /s${ratio}`);
  return perSec;
}

const dir = await mkdtemp(join(tmpdir(), 'docket-bench-'));
try {
  const raw = openDatabase(join(dir, 'raw.sqlite3'));
  raw.exec('CREATE TABLE t (id TEXT PRIMARY KEY, body TEXT)');
  const ins = raw.prepare('INSERT INTO t VALUES (?, ?)');
  const body = JSON.stringify(runParams());
  const ref = await timed('reference: raw autocommit INSERT', N, async () => {
    for (let i = 0; i < N; i++) ins.run(`r${i}`, body);
  });
  raw.close();

  const store = await openSqliteStore({ dataDir: dir });
  await timed('runCreate (queued, sequential)', N, async () => {
    for (let i = 0; i < N; i++) await store.runCreate(runParams({ metadata: { batch: String(i % 10) } }));
  }, ref);
  const half = Math.floor(N / 2);
  await timed('runClaim limit 1 (sequential)', half, async () => {
    for (let i = 0; i < half; i++) await store.runClaim({ owner: 'w', limit: 1, leaseMs: 60_000 });
  }, ref);
  const batches = Math.floor((N - half) / 10);
  await timed('runClaim limit 10 (runs claimed/s)', batches * 10, async () => {
    for (let i = 0; i < batches; i++) await store.runClaim({ owner: 'w', limit: 10, leaseMs: 60_000 });
  }, ref);

  for (let i = 0; i < N; i++) await store.runCreate(runParams());
  await timed('cycle claim(1)+heartbeat+finish', N, async () => {
    for (let i = 0; i < N; i++) {
      const [run] = await store.runClaim({ owner: 'w2', limit: 1, leaseMs: 60_000 });
      await store.runHeartbeat({ id: run.id, owner: 'w2', leaseMs: 60_000, progress: { stage: 's', completed: 1, total: 1, unit: 'pages' } });
      await store.runFinish({ id: run.id, owner: 'w2', outcome: 'completed', output: { total: i } });
    }
  }, ref);

  const pages = 500;
  const counts = await store.runCounts();
  await timed(`runList metadata filter, ${N * 2} rows (pages)`, pages, async () => {
    for (let i = 0; i < pages; i++) {
      await store.runList({ projectId: 'proj_contract_a', primitive: 'extraction', limit: 10, order: 'desc', metadata: { batch: '3' } });
    }
  });
  console.log('counts', JSON.stringify(counts));
  await store.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
