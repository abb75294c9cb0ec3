// Executes one claimed run: gets the document bytes (blob store, or the URL it names), runs the
// primitive's engine in a worker thread, and computes usage. Throws RunFailure on failure.
// Runs on an LLM model (an OpenAI-compatible endpoint in the model config): the engine thread loads and
// parses the document, then the LLM engine runs here on the main thread (I/O-bound; the model's
// concurrency limit is shared by all runs; cancel aborts the in-flight HTTP request).
import { fetchDocument, DocumentInputError } from '../documents/mime-data.ts';
import type { LoadedDocument } from '../documents/types.ts';
import { hasLlmEngine, LlmClients, runLlmEngine } from '../engines/llm/llm-engines.ts';
import { modelRegistry } from '../models/registry.ts';
import { RunFailure } from '../runs/failures.ts';
import type { Run } from '../runs/types.ts';
import type { RunStore } from '../store/run-store.ts';
import type { Config } from '../config/config.ts';
import type { ThreadPool } from './thread-pool.ts';
import { computeUsage } from './usage.ts';
import type { ExecuteContext, ExecuteResult, RunExecutor } from './worker-pool.ts';

export function engineExecutor(o: { store: RunStore; threads: ThreadPool; config: Config }): RunExecutor {
  const models = modelRegistry(o.config);
  const clients = new LlmClients();
  return async (run: Run, ctx: ExecuteContext): Promise<ExecuteResult> => {
    const bytes = await documentBytes(run, o, ctx.signal);
    const model = models.resolve(run.model);
    const job = { primitive: run.primitive, bytes, filename: run.file?.filename ?? 'document', params: run.params, model: run.model, maxPages: o.config.maxPages, zipLimits: { maxUnzippedBytes: o.config.maxUnzippedBytes, maxEntries: o.config.maxZipEntries }, ocrWorkers: o.config.ocrWorkers, maxImagePixels: o.config.maxImagePixels };
    const handlers = { signal: ctx.signal, onProgress: ctx.onProgress, onPartial: ctx.onPartial };
    if (model?.llm && hasLlmEngine(run.primitive)) {
      const loaded = await o.threads.run({ ...job, loadOnly: true }, handlers);
      const res = await runLlmEngine(run.primitive, loaded.output as LoadedDocument, run.params, {
        signal: ctx.signal,
        model: run.model,
        client: clients.get(run.model, model.llm),
        bytes, // the edit engine writes into the original file
        progress: (stage, completed, total, unit = 'pages') => ctx.onProgress({ stage, completed, total, unit }),
        partial: ctx.onPartial,
      });
      // usage carries token counts besides Retab's credits and page_count.
      const usage = { ...computeUsage(run.primitive, run.model, loaded.pageCount, run.params, model.creditsPerPage), prompt_tokens: res.promptTokens, completion_tokens: res.completionTokens };
      return { output: res.output, consensus: res.consensus, usage };
    }
    const res = await o.threads.run(job, handlers);
    return { output: res.output, consensus: res.consensus, usage: computeUsage(run.primitive, run.model, res.pageCount, run.params, model?.creditsPerPage) };
  };
}

async function documentBytes(run: Run, o: { store: RunStore; config: Config }, signal: AbortSignal): Promise<Uint8Array> {
  if (run.blobKey) {
    const bytes = await o.store.blobGet({ key: run.blobKey });
    if (!bytes) throw new RunFailure('internal_error', 'The document bytes of this run are missing from the blob store');
    return bytes;
  }
  const url = run.params._source_url;
  if (typeof url !== 'string') throw new RunFailure('invalid_request', 'The run has no document');
  ctxStage(signal);
  try {
    const got = await fetchDocument(url, {
      maxBytes: o.config.maxDocumentBytes,
      timeoutMs: o.config.fetchTimeoutMs,
      allowPrivateNetworks: o.config.allowPrivateUrls,
      signal,
    });
    return got.bytes;
  } catch (err) {
    if (err instanceof DocumentInputError) {
      const code = err.code === 'document_too_large' ? 'document_too_large' : 'fetch_failed';
      throw new RunFailure(code, err.message, { url });
    }
    if (signal.aborted) throw new RunFailure('cancelled', 'The run was cancelled');
    throw err;
  }
}

function ctxStage(signal: AbortSignal): void {
  if (signal.aborted) throw new RunFailure('cancelled', 'The run was cancelled');
}
