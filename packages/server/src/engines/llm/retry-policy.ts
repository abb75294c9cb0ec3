// When to retry a model call and how long to wait: 429 and 5xx (and network errors and per-call
// timeouts) are retried with exponential backoff and jitter; a Retry-After header wins when present.

const BASE_MS = 500;
const MAX_WAIT_MS = 60_000;

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status === 409 || status >= 500;
}

/** Milliseconds to wait before retry number `attempt` (0-based). */
export function backoffMs(attempt: number, retryAfter: string | null, now = Date.now()): number {
  const fromHeader = parseRetryAfter(retryAfter, now);
  if (fromHeader !== null) return Math.min(fromHeader, MAX_WAIT_MS);
  const exp = BASE_MS * 2 ** attempt;
  return Math.min(MAX_WAIT_MS, exp / 2 + Math.random() * (exp / 2));
}

/** Retry-After as delay-seconds or an HTTP date; also the common retry-after-ms extension. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Sleep that ends early (rejecting with the reason) when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
