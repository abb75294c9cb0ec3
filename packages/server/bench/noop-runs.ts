// (a) No-op runs/s end to end through the SQLite engine (create → claim → finish, terminal event)
// at several worker concurrencies, beside raw better-sqlite3 INSERT + 2 UPDATEs of the same rows.
// Child process of bench/run.ts; prints one JSON report. Args: N concurrency...
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/config.ts';
import { startDocket } from '../src/server.ts';
import { openDatabase } from '../src/store/sqlite/sqlite-store.ts';
import { NOOP_PARAMS as PARAMS, driveNoopRuns } from './noop-driver.ts';
import { report } from './util.ts';

const N = Number(process.argv[2] ?? 2000);
const concurrencies = process.argv.slice(3).map(Number);

function rawReference(): number {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-bench-raw-'));
  const db = openDatabase(path.join(dir, 'raw.sqlite3'));
  db.exec('CREATE TABLE raw_runs (id TEXT PRIMARY KEY, status TEXT, params TEXT, output TEXT, lease_owner TEXT, updated_at TEXT)');
  const ins = db.prepare('INSERT INTO raw_runs (id, status, params, updated_at) VALUES (?, ?, ?, ?)');
  const claim = db.prepare("UPDATE raw_runs SET status = 'in_progress', lease_owner = ?, updated_at = ? WHERE id = ? AND status = 'queued'");
  const finish = db.prepare("UPDATE raw_runs SET status = 'completed', output = ?, updated_at = ? WHERE id = ? AND lease_owner = ?");
  const body = JSON.stringify(PARAMS);
  const t0 = performance.now();
  for (let i = 0; i < N; i++) ins.run(`r${i}`, 'queued', body, new Date().toISOString());
  for (let i = 0; i < N; i++) claim.run('w', new Date().toISOString(), `r${i}`);
  for (let i = 0; i < N; i++) finish.run('{}', new Date().toISOString(), `r${i}`, 'w');
  const perSec = N / ((performance.now() - t0) / 1000);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return perSec;
}

async function engineRate(concurrency: number): Promise<number> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'docket-bench-noop-'));
  const config = loadConfig({}, { dataDir, port: 0, workerConcurrency: concurrency, bootstrapKey: 'bench' });
  const docket = await startDocket(config, { listen: false, logger: false, execute: async () => ({ output: {}, consensus: null, usage: null }) });
  const perSec = N / (await driveNoopRuns(docket, N));
  const counts = await docket.store.runCounts();
  if (counts.completed !== N) throw new Error(`expected ${N} completed runs, store says ${JSON.stringify(counts)}`);
  await docket.close();
  rmSync(dataDir, { recursive: true, force: true });
  return perSec;
}

const raw = rawReference();
const results: { concurrency: number; runsPerSec: number }[] = [];
for (const c of concurrencies) results.push({ concurrency: c, runsPerSec: await engineRate(c) });
report({ n: N, raw, results });
