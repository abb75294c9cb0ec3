// A fixed set of engine threads. Each job runs in one thread; an aborted job gets a grace period
// to stop at its next checkpoint, after which its thread is terminated and replaced. Each thread's heap
// is capped (resourceLimits); a thread that runs out of memory fails its run `out_of_memory` and is replaced.
import { Worker } from 'node:worker_threads';
import { RunFailure } from '../runs/failures.ts';
import type { RunProgress } from '../runs/types.ts';
import type { ThreadJob, ThreadReply } from './thread-messages.ts';

export interface JobHandlers {
  signal: AbortSignal;
  onProgress?: (p: RunProgress) => void;
  onPartial?: (output: unknown) => void;
}

export interface JobResult {
  output: unknown;
  consensus: unknown;
  pageCount: number;
  mimeType: string;
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

// Threads start from a JS entry that registers tsx, so they can load our TypeScript sources from any cwd.
const THREAD_ENTRY = new URL('./engine-thread-entry.mjs', import.meta.url);

export class ThreadPool {
  private readonly slots: Slot[] = [];
  private readonly waiters: ((s: Slot) => void)[] = [];
  private closed = false;
  private nextJob = 0;

  constructor(
    private readonly size: number,
    private readonly cancelGraceMs: number,
    private readonly onStack?: (stack: string) => void,
    private readonly memoryMb?: number,
  ) {}

  async run(job: Omit<ThreadJob, 'jobId'>, h: JobHandlers): Promise<JobResult> {
    const slot = await this.acquire();
    const jobId = `j${++this.nextJob}`;
    try {
      return await this.runOn(slot, { ...job, jobId }, h);
    } finally {
      this.release(slot);
    }
  }

  private runOn(slot: Slot, job: ThreadJob, h: JobHandlers): Promise<JobResult> {
    return new Promise<JobResult>((resolve, reject) => {
      let graceTimer: NodeJS.Timeout | undefined;
      const w = slot.worker;
      const cleanup = () => {
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        h.signal.removeEventListener('abort', onAbort);
        if (graceTimer) clearTimeout(graceTimer);
      };
      const onMessage = (m: ThreadReply) => {
        if (m.jobId !== job.jobId) return;
        if (m.type === 'progress') h.onProgress?.(m.progress);
        else if (m.type === 'partial') h.onPartial?.(m.output);
        else if (m.type === 'done') {
          cleanup();
          resolve({ output: m.output, consensus: m.consensus, pageCount: m.pageCount, mimeType: m.mimeType });
        } else {
          cleanup();
          if (m.stack) this.onStack?.(m.stack);
          reject(new RunFailure(m.code as RunFailure['code'], m.message, m.details));
        }
      };
      const onError = (err: Error) => {
        cleanup();
        this.replace(slot);
        if ((err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
          reject(new RunFailure('out_of_memory', `The run exceeded its memory limit (${this.memoryMb ?? 'default'} MB)`, { memory_limit_mb: this.memoryMb ?? null }));
          return;
        }
        this.onStack?.(err.stack ?? String(err));
        reject(new RunFailure('internal_error', 'The engine thread crashed'));
      };
      const onExit = () => {
        cleanup();
        this.replace(slot);
        reject(new RunFailure(h.signal.aborted ? 'cancelled' : 'internal_error', h.signal.aborted ? 'The run was stopped' : 'The engine thread exited'));
      };
      const onAbort = () => {
        w.postMessage({ type: 'abort', jobId: job.jobId, reason: String(h.signal.reason ?? 'aborted') });
        // The engine gets a grace period to reach a checkpoint; then its thread is terminated.
        graceTimer = setTimeout(() => {
          cleanup();
          this.replace(slot);
          reject(new RunFailure('cancelled', 'The run was stopped'));
        }, this.cancelGraceMs);
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      if (h.signal.aborted) onAbort();
      else h.signal.addEventListener('abort', onAbort, { once: true });
      const copy = job.bytes.slice();
      w.postMessage({ type: 'run', job: { ...job, bytes: copy } }, [copy.buffer]);
    });
  }

  private spawn(): Worker {
    const resourceLimits = this.memoryMb ? { maxOldGenerationSizeMb: this.memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, this.memoryMb >> 4)) } : undefined;
    const w = new Worker(THREAD_ENTRY, { execArgv: [], resourceLimits });
    w.unref();
    return w;
  }

  private replace(slot: Slot): void {
    const old = slot.worker;
    old.removeAllListeners();
    void old.terminate();
    if (!this.closed) slot.worker = this.spawn();
  }

  private acquire(): Promise<Slot> {
    if (this.closed) return Promise.reject(new Error('thread pool is closed'));
    const free = this.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    if (this.slots.length < this.size) {
      const slot: Slot = { worker: this.spawn(), busy: true };
      this.slots.push(slot);
      return Promise.resolve(slot);
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiters.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  /** Start every thread now, so the first run does not pay for thread start-up and module loading. */
  warm(): void {
    while (this.slots.length < this.size) this.slots.push({ worker: this.spawn(), busy: false });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }
}
