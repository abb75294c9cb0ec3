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

export interface StartOptions {
  logger?: boolean | object;
  /** Replace the engine executor (benchmarks use a no-op). */
  execute?: RunExecutor;
  listen?: boolean;
}

export async function startDocket(config: Config, opts: StartOptions = {}): Promise<Docket> {
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const events = new RunEvents();
  const app = buildApp({ config, store, events }, { logger: opts.logger });
  const log = app.log;
  const firstKey = await bootstrapKeys(store, config);
  const threads = new ThreadPool(Math.max(1, config.workerConcurrency), config.cancelGraceMs, (stack) => log.error({ stack }, 'engine error'));
  const pool = new WorkerPool({
    store,
    events,
    execute: opts.execute ?? engineExecutor({ store, threads, config }),
    concurrency: config.workerConcurrency,
    leaseMs: config.leaseMs,
    heartbeatMs: config.heartbeatMs,
    runTimeoutMs: config.runTimeoutMs,
    log,
  });
  const recovery = startRecovery({ store, events, intervalMs: Math.max(100, Math.floor(config.leaseMs / 2)), log });
  await recovery.runOnce(); // runs orphaned by a previous process whose leases have lapsed
  if (config.workerConcurrency > 0 && !opts.execute) threads.warm();
  pool.start();
  let url = '';
  if (opts.listen !== false) url = await app.listen({ host: config.host, port: config.port });
  let closed = false;
  return {
    app, store, pool, events, firstKey,
    get url() {
      return url;
    },
    async close() {
      if (closed) return;
      closed = true;
      recovery.stop();
      await app.close();
      await pool.stop();
      await threads.close();
      await store.close();
    },
  };
}

async function bootstrapKeys(store: RunStore, config: Config): Promise<string | null> {
  if (config.bootstrapKey) {
    const existing = await store.apiKeyFindByHash({ keyHash: hashApiKey(config.bootstrapKey) });
    if (!existing) await createApiKey(store, { projectId: 'default', name: 'bootstrap', key: config.bootstrapKey });
    return null;
  }
  if ((await store.apiKeyCount()) > 0) return null;
  const { key } = await createApiKey(store, { projectId: 'default', name: 'first key' });
  return key;
}
