// (e) peer comparison, Docket side: no-op runs/s end to end (create → claim → finish → terminal
// event) on SQLite (temp data dir) or PostgreSQL (DATABASE_URL given), one process with a no-op
// executor. Runs are created one at a time, awaited, while the worker pool drains them, the way the
// peers' jobs are enqueued. Child process of bench/peers.ts. Args: sqlite|postgres N concurrency [url]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/config.ts';
import { startDocket } from '../src/server.ts';
import { driveNoopRuns } from './noop-driver.ts';
import { report } from './util.ts';

const [driver, nArg, cArg, databaseUrl] = process.argv.slice(2);
const N = Number(nArg);
const concurrency = Number(cArg);

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'docket-bench-peers-'));
const config = loadConfig({}, { dataDir, port: 0, workerConcurrency: concurrency, bootstrapKey: 'bench', databaseUrl: driver === 'postgres' ? databaseUrl : null });
const docket = await startDocket(config, { listen: false, logger: false, execute: async () => ({ output: {}, consensus: null, usage: null }) });
const seconds = await driveNoopRuns(docket, N);
const counts = await docket.store.runCounts();
await docket.close();
rmSync(dataDir, { recursive: true, force: true });
if (counts.completed !== N) throw new Error(`expected ${N} completed runs, the store says ${JSON.stringify(counts)}`);
report({ system: `docket-${driver}`, n: N, concurrency, seconds, perSec: N / seconds });
