// Recovery of expired leases: a run whose worker died goes back to queued while attempts remain,
// else ends failed with worker_lost. Runs on a timer in every process that runs workers.
import type { RunStore } from '../store/run-store.ts';
import type { RunEvents } from './run-events.ts';

export function startRecovery(o: {
  store: RunStore;
  events: RunEvents;
  intervalMs: number;
  log?: { error(obj: unknown, msg?: string): void; info(obj: unknown, msg?: string): void };
}): { stop(): void; runOnce(): Promise<void> } {
  const runOnce = async () => {
    try {
      const { requeued, failed, cancelled } = await o.store.runRecoverExpired({});
      if (requeued.length || failed.length || cancelled.length) o.log?.info({ requeued, failed, cancelled }, 'recovered runs with expired leases');
      if (requeued.length) o.events.notifyQueued();
      for (const id of [...failed, ...cancelled]) {
        const run = await o.store.runGet({ id });
        if (run) o.events.publish(id, { type: 'terminal', run });
      }
    } catch (err) {
      o.log?.error({ err }, 'lease recovery failed');
    }
  };
  const t = setInterval(() => void runOnce(), o.intervalMs);
  t.unref();
  return { stop: () => clearInterval(t), runOnce };
}
