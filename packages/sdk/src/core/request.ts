// One HTTP request with timeout, abort and retries. The client builds the URL and headers;
// this module owns the attempt loop and turns answers into data or typed errors.
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from './errors.ts';
import { computeBackoffMs, parseRetryAfter, shouldRetryConnectionError, shouldRetryStatus } from './retry.ts';
import { sleep } from './sleep.ts';

export interface RequestOptions {
  /** Aborts the request (and any retries); the call rejects with APIUserAbortError. */
  signal?: AbortSignal;
  /** Per-attempt timeout in ms. */
  timeout?: number;
  maxRetries?: number;
  headers?: Record<string, string>;
  /** Overrides the auto-generated Idempotency-Key sent on creates. */
  idempotencyKey?: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Safe to repeat: decides which failures are retried. */
  idempotent: boolean;
  /** Return the Response once headers arrive, without reading the body. */
  stream?: boolean;
}

export interface Transport {
  fetch: typeof fetch;
  timeout: number;
  maxRetries: number;
}

export interface HttpResult<T> {
  data: T;
  response: Response;
}

export async function performRequest<T>(t: Transport, req: HttpRequest, opts: RequestOptions = {}): Promise<HttpResult<T>> {
  const maxRetries = opts.maxRetries ?? t.maxRetries;
  const timeout = opts.timeout ?? t.timeout;
  for (let attempt = 0; ; attempt++) {
    const retriesLeft = maxRetries - attempt;
    const headers = { ...req.headers };
    if (attempt > 0) headers['x-docket-retry-count'] = String(attempt);
    let response: Response;
    const attemptCtl = linkedController(opts.signal, timeout);
    try {
      response = await t.fetch(req.url, { method: req.method, headers, body: req.body, signal: attemptCtl.signal });
      if (response.ok && req.stream) {
        attemptCtl.clearTimer(); // the stream reader owns the body from here
        return { data: undefined as T, response };
      }
      const data = await readBody(response);
      attemptCtl.dispose();
      if (response.ok) return { data: data as T, response };
      if (retriesLeft > 0 && shouldRetryStatus(response.status, response.headers, req)) {
        await sleep(parseRetryAfter(response.headers) ?? computeBackoffMs(attempt), opts.signal);
        continue;
      }
      throw APIError.generate(response.status, data, response.headers);
    } catch (err) {
      attemptCtl.dispose();
      if (err instanceof APIError) throw err;
      if (opts.signal?.aborted) throw new APIUserAbortError();
      const failure = attemptCtl.timedOut
        ? new APIConnectionTimeoutError(`Request timed out after ${timeout} ms.`)
        : new APIConnectionError(`Connection error: ${(err as Error)?.message ?? String(err)}`, err);
      if (retriesLeft > 0 && shouldRetryConnectionError(req)) {
        await sleep(computeBackoffMs(attempt), opts.signal);
        continue;
      }
      throw failure;
    }
  }
}

/** JSON when the answer says so (or parses as JSON), text otherwise, undefined for 204/empty. */
export async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json') || /^\s*[[{"]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

interface AttemptController {
  signal: AbortSignal;
  readonly timedOut: boolean;
  clearTimer(): void;
  dispose(): void;
}

/** An AbortController that fires on the caller's signal or after `timeout` ms. */
function linkedController(outer: AbortSignal | undefined, timeout: number): AttemptController {
  const ctl = new AbortController();
  let timedOut = false;
  const onOuterAbort = () => ctl.abort(outer?.reason);
  if (outer?.aborted) ctl.abort(outer.reason);
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => {
    timedOut = true;
    ctl.abort(new Error('timeout'));
  }, timeout);
  const clearTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return {
    signal: ctl.signal,
    get timedOut() {
      return timedOut;
    },
    clearTimer,
    dispose() {
      clearTimer();
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}
