// Shared by the no-op benchmarks: create N runs one after another through the store (each followed
// by the queued wake-up an HTTP create sends) and wait until every terminal event has arrived.
import { newRunId } from '../src/runs/ids.ts';
import type { Docket } from '../src/server.ts';

export const NOOP_PARAMS = { json_schema: { type: 'object', properties: { total: { type: 'number' } } }, instructions: null };

/** Seconds from the first create to the last terminal event. */
export async function driveNoopRuns(docket: Docket, n: number): Promise<number> {
  let done = 0;
  let allDone!: () => void;
  const finished = new Promise<void>((r) => (allDone = r));
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const id = newRunId('extr_');
    const unsub = docket.events.subscribe(id, (ev) => {
      if (ev.type !== 'terminal') return;
      unsub();
      if (++done === n) allDone();
    });
    await docket.store.runCreate({
      id, primitive: 'extraction', projectId: 'default', status: 'queued', model: 'retab-small',
      file: { id: 'file_bench', filename: 'bench.txt', mime_type: 'text/plain' }, blobKey: null,
      params: NOOP_PARAMS, metadata: null, maxAttempts: 3,
    });
    docket.events.notifyQueued();
  }
  await finished;
  return (performance.now() - t0) / 1000;
}
