// Worker-thread entry: loads a document and runs one engine on it, off the main event loop.
// Talks to thread-pool.ts by messages; one job at a time per thread. A job that ignores its
// AbortSignal is stopped by the pool terminating this thread.
import { parentPort } from 'node:worker_threads';
import { getDocumentLoader, getEngine } from '../engines/registry.ts';
import { RunFailure } from '../runs/failures.ts';
import type { ThreadJob, ThreadReply } from './thread-messages.ts';

if (!parentPort) throw new Error('engine-thread must run in a worker thread');
const port = parentPort;
const running = new Map<string, AbortController>();

const post = (m: ThreadReply) => port.postMessage(m);

port.on('message', (msg: { type: 'run'; job: ThreadJob } | { type: 'abort'; jobId: string; reason: string }) => {
  if (msg.type === 'abort') {
    running.get(msg.jobId)?.abort(msg.reason);
    return;
  }
  void runJob(msg.job);
});

async function runJob(job: ThreadJob): Promise<void> {
  const ac = new AbortController();
  running.set(job.jobId, ac);
  const { jobId } = job;
  try {
    const doc = await getDocumentLoader(job.primitive)(job.bytes, {
      filename: job.filename,
      signal: ac.signal,
      maxPages: job.maxPages,
      zipLimits: job.zipLimits,
      ocrWorkers: job.ocrWorkers,
      maxImagePixels: job.maxImagePixels,
      onPage: (done, total) => post({ type: 'progress', jobId, progress: { stage: 'loading', completed: done, total, unit: 'pages' } }),
    });
    if (job.loadOnly) {
      post({ type: 'done', jobId, output: doc, consensus: null, pageCount: doc.pages.length, mimeType: doc.mimeType });
      return;
    }
    const engine = getEngine(job.primitive);
    const result = await engine(doc, job.params, {
      signal: ac.signal,
      model: job.model,
      bytes: job.bytes,
      progress: (stage, completed, total, unit = 'pages') => post({ type: 'progress', jobId, progress: { stage, completed, total, unit } }),
      partial: (output) => post({ type: 'partial', jobId, output }),
    });
    post({ type: 'done', jobId, output: result.output, consensus: result.consensus, pageCount: doc.pages.length, mimeType: doc.mimeType });
  } catch (err) {
    if (err instanceof RunFailure) {
      post({ type: 'error', jobId, code: err.code, message: err.message, details: err.details });
    } else if (ac.signal.aborted) {
      post({ type: 'error', jobId, code: 'cancelled', message: 'The run was cancelled', details: null });
    } else {
      const e = err as Error;
      post({ type: 'error', jobId, code: 'internal_error', message: 'The engine failed unexpectedly', details: null, stack: e?.stack ?? String(err) });
    }
  } finally {
    running.delete(jobId);
  }
}
