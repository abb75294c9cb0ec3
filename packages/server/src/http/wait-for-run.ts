// Waits for a run to reach a terminal status: in-process events first, the store polled as fallback
// (another process may own the run). Resolves with the run as it stands when the bound passes.
import { isTerminal, type Run } from '../runs/types.ts';
import type { RunStore } from '../store/run-store.ts';
import type { RunEvents } from '../worker/run-events.ts';

export async function waitForTerminal(
  o: { store: RunStore; events: RunEvents },
  id: string,
  p: { timeoutMs: number; signal?: AbortSignal; pollMs?: number },
): Promise<Run | null> {
  let done!: (r: Run | null) => void;
  const result = new Promise<Run | null>((resolve) => (done = resolve));
  let finished = false;
  const finish = (r: Run | null) => {
    if (finished) return;
    finished = true;
    done(r);
  };
  const unsub = o.events.subscribe(id, (ev) => {
    if (ev.type === 'terminal') finish(ev.run);
  });
  const poll = async () => {
    const r = await o.store.runGet({ id });
    if (!r || isTerminal(r.status)) finish(r);
  };
  const pollTimer = setInterval(() => void poll().catch(() => {}), p.pollMs ?? 1000);
  const timeout = setTimeout(() => void o.store.runGet({ id }).then(finish, () => finish(null)), p.timeoutMs);
  const onAbort = () => void o.store.runGet({ id }).then(finish, () => finish(null));
  p.signal?.addEventListener('abort', onAbort, { once: true });
  void poll().catch(() => {}); // it may already be terminal
  try {
    return await result;
  } finally {
    unsub();
    clearInterval(pollTimer);
    clearTimeout(timeout);
    p.signal?.removeEventListener('abort', onAbort);
  }
}
