// Chat Completions over plain fetch for one configured model: JSON or SSE-streamed answers, a per-call
// timeout, retries with backoff on 429/5xx/network errors (honouring Retry-After), the model's process-wide
// concurrency limit, and cancel through the run's AbortSignal (which aborts the in-flight HTTP request).
// Failures become RunFailure('model_error') with the provider's status and message, never the key.
import type { OpenAiModelSpec } from '../../models/model-config.ts';
import { RunFailure } from '../../runs/failures.ts';
import { backoffMs, isRetryableStatus, sleep } from './retry-policy.ts';
import { Semaphore } from './semaphore.ts';
import { sseData } from './sse.ts';

export type ContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string | ContentPart[];
}

export interface ChatRequest {
  messages: ChatMessage[];
  responseFormat?: Record<string, unknown> | null;
  temperature?: number;
  stream?: boolean;
}

export interface ChatResult {
  content: string;
  finishReason: string | null;
  promptTokens: number;
  completionTokens: number;
}

/** A model call that failed for good. `status` is the provider's HTTP status (0: no answer). */
export class ModelCallError extends RunFailure {
  constructor(readonly status: number, readonly providerMessage: string, message: string, details: Record<string, unknown>) {
    super('model_error', message, details);
  }
}

class AttemptError extends Error {
  constructor(readonly status: number, message: string, readonly retryable: boolean, readonly retryAfter: string | null = null) {
    super(message);
  }
}

export class ChatClient {
  readonly limiter: Semaphore;
  /** Switched to json_object once the endpoint rejects json_schema response formats. */
  structuredMode: 'json_schema' | 'json_object';

  constructor(readonly name: string, readonly spec: OpenAiModelSpec) {
    this.limiter = new Semaphore(spec.maxConcurrency);
    this.structuredMode = spec.structuredOutput;
  }

  async complete(req: ChatRequest, o: { signal: AbortSignal; onDelta?: (content: string) => void }): Promise<ChatResult> {
    let last: AttemptError | null = null;
    for (let attempt = 0; attempt <= this.spec.maxRetries; attempt++) {
      if (last) await sleep(backoffMs(attempt - 1, last.retryAfter), o.signal).catch(() => cancelled());
      await this.limiter.acquire(o.signal).catch(() => cancelled());
      try {
        return await this.once(req, o.signal, o.onDelta);
      } catch (err) {
        if (o.signal.aborted) cancelled();
        if (!(err instanceof AttemptError)) throw err;
        last = err;
        if (!err.retryable) break;
      } finally {
        this.limiter.release();
      }
    }
    const e = last!;
    const msg = this.redact(e.message);
    const what = e.status ? `answered HTTP ${e.status}` : 'failed';
    throw new ModelCallError(e.status, msg, `Model '${this.name}' (${this.spec.model}) ${what}: ${msg}`, {
      model: this.name,
      provider_status: e.status || null,
      provider_message: msg,
    });
  }

  private async once(req: ChatRequest, signal: AbortSignal, onDelta?: (content: string) => void): Promise<ChatResult> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new Error('timeout')), this.spec.timeoutMs);
    const both = AbortSignal.any([signal, timeout.signal]);
    const body: Record<string, unknown> = { model: this.spec.model, messages: req.messages };
    if (req.temperature !== undefined) body.temperature = req.temperature;
    if (req.responseFormat) body.response_format = req.responseFormat;
    if (this.spec.maxOutputTokens) body.max_tokens = this.spec.maxOutputTokens;
    if (req.stream) {
      body.stream = true;
      body.stream_options = { include_usage: true };
    }
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: req.stream ? 'text/event-stream' : 'application/json' };
    const key = this.spec.apiKey();
    if (key) headers.authorization = `Bearer ${key}`;
    try {
      const res = await fetch(`${this.spec.baseUrl}/chat/completions`, { method: 'POST', headers, body: JSON.stringify(body), signal: both });
      if (!res.ok) {
        const text = await res.text().catch(() => '');
        throw new AttemptError(res.status, providerMessage(text, res.statusText), isRetryableStatus(res.status), res.headers.get('retry-after-ms') ? String(Number(res.headers.get('retry-after-ms')) / 1000) : res.headers.get('retry-after'));
      }
      if (req.stream && res.body && (res.headers.get('content-type') ?? '').includes('text/event-stream')) return await readStream(res.body, onDelta);
      return readJson(await res.json().catch(() => null));
    } catch (err) {
      if (signal.aborted) cancelled();
      if (timeout.signal.aborted) throw new AttemptError(0, `no complete answer within ${this.spec.timeoutMs} ms (timeout_ms)`, true);
      if (err instanceof AttemptError) throw err;
      throw new AttemptError(0, `could not reach ${this.spec.baseUrl}: ${(err as Error).cause ? String(((err as Error).cause as Error).message ?? (err as Error).cause) : (err as Error).message}`, true);
    } finally {
      clearTimeout(timer);
    }
  }

  private redact(s: string): string {
    const key = this.spec.apiKey();
    return key && key.length >= 4 ? s.split(key).join('***') : s;
  }
}

function cancelled(): never {
  throw new RunFailure('cancelled', 'The run was cancelled');
}

function providerMessage(text: string, statusText: string): string {
  try {
    const j = JSON.parse(text) as Record<string, unknown>;
    const e = j.error as Record<string, unknown> | string | undefined;
    if (typeof e === 'string') return e.slice(0, 1000);
    if (e && typeof e.message === 'string') return e.message.slice(0, 1000);
    if (typeof j.message === 'string') return j.message.slice(0, 1000);
    if (typeof j.detail === 'string') return j.detail.slice(0, 1000);
  } catch {
    /* not JSON */
  }
  return (text.trim() || statusText || 'no message').slice(0, 1000);
}

interface Choice {
  message?: { content?: string | null; refusal?: string | null };
  delta?: { content?: string | null };
  finish_reason?: string | null;
}
interface Completion {
  choices?: Choice[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: { message?: string } | string;
}

function readJson(j: Completion | null): ChatResult {
  if (!j || !Array.isArray(j.choices) || j.choices.length === 0) throw new AttemptError(200, 'the answer has no choices', false);
  const c = j.choices[0];
  if (c.message?.refusal) throw new AttemptError(200, `the model refused: ${c.message.refusal}`, false);
  return {
    content: c.message?.content ?? '',
    finishReason: c.finish_reason ?? null,
    promptTokens: j.usage?.prompt_tokens ?? 0,
    completionTokens: j.usage?.completion_tokens ?? 0,
  };
}

async function readStream(body: ReadableStream<Uint8Array>, onDelta?: (content: string) => void): Promise<ChatResult> {
  let content = '';
  let finishReason: string | null = null;
  let promptTokens = 0;
  let completionTokens = 0;
  for await (const data of sseData(body)) {
    if (data.trim() === '[DONE]') break;
    let chunk: Completion;
    try {
      chunk = JSON.parse(data) as Completion;
    } catch {
      continue; // a keep-alive or a line we do not understand
    }
    if (chunk.error) throw new AttemptError(200, typeof chunk.error === 'string' ? chunk.error : (chunk.error.message ?? 'stream error'), false);
    if (chunk.usage) {
      promptTokens = chunk.usage.prompt_tokens ?? promptTokens;
      completionTokens = chunk.usage.completion_tokens ?? completionTokens;
    }
    const c = chunk.choices?.[0];
    if (!c) continue;
    if (c.delta?.content) {
      content += c.delta.content;
      onDelta?.(content);
    }
    if (c.finish_reason) finishReason = c.finish_reason;
  }
  return { content, finishReason, promptTokens, completionTokens };
}
