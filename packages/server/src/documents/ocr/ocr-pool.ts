// A small pool of tesseract.js workers (each its own worker thread running the wasm engine), created
// lazily with the English data shipped in @tesseract.js-data/eng (langPath set: nothing is fetched),
// reused across runs. A job whose AbortSignal fires mid-page terminates its worker, which is replaced later.
import { createRequire } from 'node:module';
import path from 'node:path';
import { RunFailure } from '../../runs/failures.ts';

const require = createRequire(import.meta.url);

/** The subset of a tesseract.js worker that Docket uses. */
export interface TessWorker {
  recognize(image: Uint8Array, options?: object, output?: object): Promise<{ data: TessPage }>;
  setParameters(params: Record<string, string>): Promise<unknown>;
  terminate(): Promise<unknown>;
}
export interface TessBox { x0: number; y0: number; x1: number; y1: number }
export interface TessWord { text: string; confidence: number; bbox: TessBox }
export interface TessLine { text: string; confidence: number; bbox: TessBox; words: TessWord[] }
export interface TessPage {
  text: string;
  confidence: number;
  blocks: { paragraphs: { lines: TessLine[] }[] }[] | null;
}

/** How long starting one tesseract worker (wasm + language data) may take before the run fails. */
export const OCR_START_TIMEOUT_MS = 60_000;

/** LSTM-only "best_int" English model: 2.9 MB gzipped, about as accurate here as the larger legacy+LSTM file. */
function langPath(): string {
  const eng = require('@tesseract.js-data/eng') as { langPath: string };
  return path.join(path.dirname(eng.langPath), '4.0.0_best_int');
}

async function startWorker(): Promise<TessWorker> {
  const { createWorker, OEM } = require('tesseract.js') as {
    createWorker: (lang: string, oem: number, opts: object) => Promise<TessWorker>;
    OEM: { LSTM_ONLY: number };
  };
  const pending = createWorker('eng', OEM.LSTM_ONLY, {
    langPath: langPath(),
    gzip: true,
    cacheMethod: 'none',
    logger: () => undefined,
    errorHandler: () => undefined,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RunFailure('internal_error', `The OCR engine did not start within ${OCR_START_TIMEOUT_MS / 1000} s`)), OCR_START_TIMEOUT_MS);
  });
  try {
    const worker = await Promise.race([pending, timeout]);
    await worker.setParameters({ user_defined_dpi: '300', preserve_interword_spaces: '0' });
    return worker;
  } catch (err) {
    void pending.then((w) => w.terminate()).catch(() => undefined); // a late start must not leak a thread
    throw err instanceof RunFailure ? err : new RunFailure('internal_error', `The OCR engine failed to start: ${(err as Error)?.message ?? err}`);
  } finally {
    clearTimeout(timer);
  }
}

export class OcrPool {
  private idle: TessWorker[] = [];
  private live = 0;
  private waiters: ((w: TessWorker | null) => void)[] = [];

  constructor(public size: number) {}

  /** Run `fn` on a worker. If `signal` aborts while it runs, the worker is terminated and the call rejects. */
  async use<T>(signal: AbortSignal | undefined, fn: (w: TessWorker) => Promise<T>): Promise<T> {
    const worker = await this.acquire();
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(new RunFailure('cancelled', 'The run was cancelled'));
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
    let healthy = true;
    try {
      return await Promise.race([fn(worker), aborted]);
    } catch (err) {
      healthy = false; // aborted mid-page or the engine failed: do not reuse this worker
      throw err;
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      aborted.catch(() => undefined);
      if (healthy) this.release(worker);
      else {
        this.live--;
        void worker.terminate().catch(() => undefined);
        this.wakeForNew();
      }
    }
  }

  /** Terminate every idle worker (busy ones end when their job does). */
  async shutdown(): Promise<void> {
    const idle = this.idle.splice(0);
    this.live -= idle.length;
    await Promise.all(idle.map((w) => w.terminate().catch(() => undefined)));
  }

  private async acquire(): Promise<TessWorker> {
    const w = this.idle.pop();
    if (w) return w;
    if (this.live < Math.max(1, this.size)) {
      this.live++;
      try {
        return await startWorker();
      } catch (err) {
        this.live--;
        throw err;
      }
    }
    const next = await new Promise<TessWorker | null>((resolve) => this.waiters.push(resolve));
    return next ?? this.acquire();
  }

  private release(w: TessWorker): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(w);
    else this.idle.push(w);
  }

  /** A worker slot was freed: let one waiter start a fresh worker. */
  private wakeForNew(): void {
    this.waiters.shift()?.(null);
  }
}

let shared: OcrPool | null = null;

/** The process-wide (per engine thread) pool; its size follows the latest request. */
export function getOcrPool(size = 1): OcrPool {
  shared ??= new OcrPool(size);
  shared.size = size;
  return shared;
}

/** Stop the shared pool's idle workers (tests and shutdown). */
export async function shutdownOcr(): Promise<void> {
  await shared?.shutdown();
}
