// The worker pool: claims queued runs under leases, keeps each lease alive by heartbeat (which
// also reads cancel requests), delivers cancel through an AbortSignal, and finishes each run with
// one guarded write. A lost lease means another worker owns the run now: we stop and write nothing.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { RunFailure } from '../runs/failures.ts';
import type { Run, RunProgress } from '../runs/types.ts';
import type { RunStore } from '../store/run-store.ts';
import type { RunEvents } from './run-events.ts';

export interface ExecuteContext {
  signal: AbortSignal;
  onProgress(p: RunProgress): void;
  onPartial(output: unknown): void;
}

export interface ExecuteResult {
  output: unknown;
  consensus: unknown;
  usage: { credits: number; page_count: number } | null;
}

export type RunExecutor = (run: Run, ctx: ExecuteContext) => Promise<ExecuteResult>;

export interface WorkerPoolOptions {
  store: RunStore;
  events: RunEvents;
  execute: RunExecutor;
  concurrency: number;
  leaseMs: number;
  heartbeatMs: number;
  runTimeoutMs: number;
  /** Fallback poll interval when no wake-up arrives (other processes may enqueue). */
  pollMs?: number;
  log?: { error(obj: unknown, msg?: string): void; info(obj: unknown, msg?: string): void };
}

type AbortReason = 'cancel' | 'timeout' | 'lease_lost' | 'shutdown';

export class WorkerPool {
  readonly owner = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly active = new Map<string, AbortController>();
  private running = false;
  private wakeResolve: (() => void) | null = null;
  private loopDone: Promise<void> | null = null;
  private readonly unsubs: (() => void)[] = [];
  private readonly inflight = new Set<Promise<void>>();

  constructor(private readonly o: WorkerPoolOptions) {}

  start(): void {
    if (this.running || this.o.concurrency <= 0) return;
    this.running = true;
    this.unsubs.push(this.o.events.onQueued(() => this.wake()));
    this.unsubs.push(this.o.events.onCancel((id) => this.active.get(id)?.abort('cancel' satisfies AbortReason)));
    this.loopDone = this.loop();
  }

  wake(): void {
    this.wakeResolve?.();
  }

  /** Stop claiming; let running work finish within `graceMs` (default 0), then abort the rest.
   *  Aborted runs are handed back to the queue (runRelease) without spending an attempt. */
  async stop({ graceMs = 0, drain = false }: { graceMs?: number; drain?: boolean } = {}): Promise<void> {
    this.running = false;
    this.wake();
    for (const u of this.unsubs.splice(0)) u();
    await this.loopDone;
    if (!drain) {
      if (graceMs > 0 && this.inflight.size > 0) {
        await Promise.race([Promise.allSettled([...this.inflight]), new Promise((r) => setTimeout(r, graceMs).unref())]);
      }
      for (const ac of this.active.values()) ac.abort('shutdown' satisfies AbortReason);
    }
    await Promise.allSettled([...this.inflight]);
  }

  get activeCount(): number {
    return this.active.size;
  }

  private async loop(): Promise<void> {
    const pollMs = this.o.pollMs ?? 1000;
    while (this.running) {
      const free = this.o.concurrency - this.active.size;
      let claimed: Run[] = [];
      if (free > 0) {
        try {
          claimed = await this.o.store.runClaim({ owner: this.owner, limit: free, leaseMs: this.o.leaseMs });
        } catch (err) {
          this.o.log?.error({ err }, 'claim failed');
        }
        for (const run of claimed) this.track(this.execute(run));
      }
      if (claimed.length === free && free > 0) continue; // there may be more work right away
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, pollMs);
        this.wakeResolve = () => {
          clearTimeout(t);
          this.wakeResolve = null;
          resolve();
        };
      });
    }
  }

  private track(p: Promise<void>): void {
    this.inflight.add(p);
    void p.finally(() => {
      this.inflight.delete(p);
      this.wake(); // a slot is free
    });
  }

  private async execute(run: Run): Promise<void> {
    const { store, events, leaseMs } = this.o;
    const ac = new AbortController();
    this.active.set(run.id, ac);
    let progress: RunProgress | undefined;
    let progressDirty = false;
    const heartbeat = setInterval(() => {
      const p = progressDirty ? progress : undefined;
      progressDirty = false;
      store
        .runHeartbeat({ id: run.id, owner: this.owner, leaseMs, progress: p })
        .then((hb) => {
          if (!hb.held) ac.abort('lease_lost' satisfies AbortReason);
          else if (hb.cancelRequested) ac.abort('cancel' satisfies AbortReason);
        })
        .catch((err) => this.o.log?.error({ err, run_id: run.id }, 'heartbeat failed'));
    }, this.o.heartbeatMs);
    const timeout = setTimeout(() => ac.abort('timeout' satisfies AbortReason), this.o.runTimeoutMs);
    // Progress is visible in GET soon after it happens: written at most every 250 ms, not per page.
    let lastWrite = 0;
    const onProgress = (p: RunProgress) => {
      progress = p;
      progressDirty = true;
      events.publish(run.id, { type: 'progress', progress: p });
      const now = Date.now();
      if (now - lastWrite > 250) {
        lastWrite = now;
        progressDirty = false;
        void store.runHeartbeat({ id: run.id, owner: this.owner, leaseMs, progress: p }).catch(() => {});
      }
    };
    try {
      let finished: Run | null;
      try {
        const res = await this.o.execute(run, { signal: ac.signal, onProgress, onPartial: (output) => events.publish(run.id, { type: 'partial', output }) });
        if (ac.signal.aborted) throw new RunFailure('cancelled', 'The run was cancelled');
        if (progressDirty && progress) await store.runHeartbeat({ id: run.id, owner: this.owner, leaseMs, progress });
        finished = await store.runFinish({ id: run.id, owner: this.owner, outcome: 'completed', output: res.output, consensus: res.consensus, usage: res.usage });
      } catch (err) {
        const reason = ac.signal.reason as AbortReason | undefined;
        if (reason === 'lease_lost') return; // not ours to finish any more
        if (reason === 'shutdown') {
          // Hand it back at once, without spending an attempt; if that fails its lease lapses instead.
          await store.runRelease({ id: run.id, owner: this.owner }).catch(() => false);
          return;
        }
        const error = toRunError(err, reason);
        if (error.code === 'internal_error') this.o.log?.error({ err, run_id: run.id }, 'run failed with an internal error');
        finished = await store.runFinish({ id: run.id, owner: this.owner, outcome: 'failed', error });
      }
      if (finished) events.publish(run.id, { type: 'terminal', run: finished });
    } catch (err) {
      this.o.log?.error({ err, run_id: run.id }, 'could not finish run');
    } finally {
      clearInterval(heartbeat);
      clearTimeout(timeout);
      this.active.delete(run.id);
    }
  }
}

function toRunError(err: unknown, reason: AbortReason | undefined): { code: string; message: string; details: Record<string, unknown> | null } {
  if (reason === 'timeout') return { code: 'timeout', message: 'The run exceeded its time limit', details: null };
  if (err instanceof RunFailure) return { code: err.code, message: err.message, details: err.details };
  return { code: 'internal_error', message: 'An internal error occurred; the server log has details', details: null };
}
