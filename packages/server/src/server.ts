// Composes one Docket process: store, worker pool (engine threads), lease recovery and the HTTP API.
import type { FastifyInstance } from 'fastify';
import type { Config } from './config/config.ts';
import { buildApp } from './http/app.ts';
import { createApiKey, hashApiKey } from './http/api-keys.ts';
import { openStore } from './store/open-store.ts';
import type { RunStore } from './store/run-store.ts';
import { startRecovery } from './worker/recovery.ts';
import { engineExecutor } from './worker/run-executor.ts';
import { RunEvents } from './worker/run-events.ts';
import { ThreadPool } from './worker/thread-pool.ts';
import { WorkerPool, type RunExecutor } from './worker/worker-pool.ts';

export interface Docket {
  app: FastifyInstance;
  store: RunStore;
  pool: WorkerPool;
  events: RunEvents;
  /** The URL the API listens on (after listen). */
  url: string;
  /** A key created at start because the store had none (shown once), or null. */
  firstKey: string | null;
  close(): Promise<void>;
}

export type Role = 'api' | 'worker' | 'all';

export interface StartOptions {
  logger?: boolean | object;
  /** Replace the engine executor (benchmarks use a no-op). */
  execute?: RunExecutor;
  listen?: boolean;
  /** api: HTTP only; worker: claims and runs work only; all (default): both in one process. */
  role?: Role;
}

export async function startDocket(config: Config, opts: StartOptions = {}): Promise<Docket> {
  const role = opts.role ?? 'all';
  const runsWork = role !== 'api' && config.workerConcurrency > 0;
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const events = new RunEvents();
  const app = buildApp({ config, store, events }, { logger: opts.logger });
  const log = app.log;
  if (role !== 'worker') await ensureBootstrapKey(store, config);
  const threads = new ThreadPool(Math.max(1, config.workerConcurrency), config.cancelGraceMs, (stack) => log.error({ stack }, 'engine error'), config.runMemoryMb);
  const pool = new WorkerPool({
    store,
    events,
    execute: opts.execute ?? engineExecutor({ store, threads, config }),
    concurrency: runsWork ? config.workerConcurrency : 0,
    leaseMs: config.leaseMs,
    heartbeatMs: config.heartbeatMs,
    runTimeoutMs: config.runTimeoutMs,
    log,
  });
  // Other processes sharing the store (PostgreSQL) reach this one through store notifications;
  // in one process the in-process events already carry the same news.
  const unlisten = await store.listen((n) => {
    if (n.type === 'queued') pool.wake();
    else if (n.type === 'cancel') events.notifyCancel(n.id);
    // A terminal run is read back only when a request here is waiting on it (not on every finish).
    else if (n.type === 'terminal' && events.hasSubscribers(n.id)) {
      void store.runGet({ id: n.id }).then((run) => run && events.publish(n.id, { type: 'terminal', run }), () => {});
    }
  });
  const recovery = runsWork ? startRecovery({ store, events, intervalMs: Math.max(100, Math.floor(config.leaseMs / 3)), log }) : null;
  await recovery?.runOnce(); // runs orphaned by a previous process whose leases have lapsed
  if (runsWork && !opts.execute) threads.warm();
  pool.start();
  let url = '';
  if (opts.listen !== false && role !== 'worker') {
    try {
      url = await app.listen({ host: config.host, port: config.port });
    } catch (err) {
      recovery?.stop();
      await pool.stop();
      await threads.close();
      await unlisten();
      await store.close();
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new Error(`port ${config.port} on ${config.host} is already in use: stop the other process or set DOCKET_PORT to a free port`);
      }
      throw err;
    }
  }
  // The first key is made only once the server is up, so a failed start never swallows it.
  const firstKey = role === 'worker' || opts.listen === false ? null : await createFirstKey(store, config);
  let closed = false;
  return {
    app, store, pool, events, firstKey,
    get url() {
      return url;
    },
    async close() {
      if (closed) return;
      closed = true;
      recovery?.stop();
      await app.close();
      // Graceful: stop claiming and give running work the grace period to finish; what is still
      // running after it is aborted and its lease lapses, so recovery hands it to another worker.
      await pool.stop({ graceMs: config.shutdownGraceMs });
      await threads.close();
      await unlisten();
      await store.close();
    },
  };
}

/** DOCKET_BOOTSTRAP_KEY: created (project "default") at start if it does not exist yet. */
async function ensureBootstrapKey(store: RunStore, config: Config): Promise<void> {
  if (!config.bootstrapKey) return;
  const existing = await store.apiKeyFindByHash({ keyHash: hashApiKey(config.bootstrapKey) });
  if (!existing) await createApiKey(store, { projectId: 'default', name: 'bootstrap', key: config.bootstrapKey });
}

/** On an empty store (and no bootstrap key), a first key is created and returned to be shown once. */
async function createFirstKey(store: RunStore, config: Config): Promise<string | null> {
  if (config.bootstrapKey || (await store.apiKeyCount()) > 0) return null;
  const { key } = await createApiKey(store, { projectId: 'default', name: 'first key' });
  return key;
}
