// The two chaos set-ups. PostgreSQL: a database created for the run (dropped afterwards), `docket
// migrate`, 2 API processes (`docket serve --role api`) and 2 worker processes (`docket worker`);
// the victim is a worker. SQLite: one `docket serve` (role all) on a temp data dir; the victim is
// the server itself, restarted on the same port and data dir.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createChaosDatabase, openPostgresChaosDb, openSqliteChaosDb } from './chaos-db.ts';
import { type DocketProc, freePort, migrate, type ProcSpec, startProc, stopProc } from './procs.ts';
import { runScenario, type ScenarioOptions, type ScenarioResult } from './scenario.ts';

const KEY = 'dk_chaos_0123456789abcdef0123456789';

export interface ModeResult extends ScenarioResult {
  /** Exit codes of the processes stopped with SIGTERM at the end (0 = graceful). */
  shutdownCodes: (number | null)[];
}

async function stopAll(procs: DocketProc[]): Promise<(number | null)[]> {
  return Promise.all(procs.map(async (p) => {
    await stopProc(p);
    return p.child.exitCode;
  }));
}

export async function postgresMode(o: ScenarioOptions): Promise<ModeResult> {
  const database = await createChaosDatabase();
  const procs: DocketProc[] = [];
  let db: Awaited<ReturnType<typeof openPostgresChaosDb>> | null = null;
  try {
    const env = { DATABASE_URL: database.url, DOCKET_BOOTSTRAP_KEY: KEY };
    o.log(`  database ${database.name}: ${await migrate(env)}`);
    const ports = [await freePort(), await freePort()];
    // Lease settings stay at their defaults (3 s lease, 1 s heartbeat and recovery pass); workers run
    // 4 runs at once, so the survivor has room for the killed worker's runs beside slow parses.
    const workerEnv = { ...env, DOCKET_WORKER_CONCURRENCY: '4' };
    const specs: ProcSpec[] = [
      { label: 'api-1', role: 'api', env, port: ports[0] },
      { label: 'api-2', role: 'api', env, port: ports[1] },
      { label: 'worker-1', role: 'worker', env: workerEnv },
      { label: 'worker-2', role: 'worker', env: workerEnv },
    ];
    procs.push(...(await Promise.all(specs.map((s) => startProc(s)))));
    o.log(`  started ${procs.map((p) => `${p.spec.label} (pid ${p.pid})`).join(', ')}`);
    db = await openPostgresChaosDb(database.url);
    const res = await runScenario({
      mode: 'postgres', description: '2 API + 2 worker processes on PostgreSQL', key: KEY, db,
      apiPorts: () => ports,
      victim: () => procs[2],
      restartVictim: async () => void (procs[2] = await startProc(procs[2].spec)),
    }, o);
    return { ...res, shutdownCodes: await stopAll(procs) };
  } finally {
    await stopAll(procs).catch(() => undefined);
    await db?.close().catch(() => undefined);
    await database.drop();
  }
}

export async function sqliteMode(o: ScenarioOptions): Promise<ModeResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'docket-chaos-'));
  const procs: DocketProc[] = [];
  let db: ReturnType<typeof openSqliteChaosDb> | null = null;
  try {
    const port = await freePort();
    procs.push(await startProc({ label: 'server', role: 'all', env: { DOCKET_DATA_DIR: dataDir, DOCKET_BOOTSTRAP_KEY: KEY }, port }));
    o.log(`  started docket serve (pid ${procs[0].pid}) on ${dataDir}`);
    db = openSqliteChaosDb(dataDir);
    const res = await runScenario({
      mode: 'sqlite', description: 'one docket serve (role all) on SQLite', key: KEY, db,
      apiPorts: () => [port],
      victim: () => procs[0],
      restartVictim: async () => void (procs[0] = await startProc(procs[0].spec)),
    }, o);
    return { ...res, shutdownCodes: await stopAll(procs) };
  } finally {
    await stopAll(procs).catch(() => undefined);
    await db?.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
