// Retry policy: which answers are retried, how long to wait (Retry-After or backoff with jitter).

const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;
/** A server-requested delay above this is ignored in favour of our own backoff. */
const MAX_HONOURED_RETRY_AFTER_MS = 60_000;

/**
 * The delay a server asked for, in ms: `retry-after-ms`, else `retry-after` as seconds or an
 * HTTP date. Undefined when absent, unparsable, negative or above 60 s.
 */
export function parseRetryAfter(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  let ms: number | undefined;
  const msHeader = headers.get('retry-after-ms');
  if (msHeader !== null && msHeader.trim() !== '') {
    const n = Number(msHeader);
    if (Number.isFinite(n)) ms = n;
  }
  if (ms === undefined) {
    const raw = headers.get('retry-after');
    if (raw !== null && raw.trim() !== '') {
      const seconds = Number(raw);
      if (Number.isFinite(seconds)) ms = seconds * 1000;
      else {
        const date = Date.parse(raw);
        if (Number.isFinite(date)) ms = date - now;
      }
    }
  }
  if (ms === undefined || ms < 0 || ms > MAX_HONOURED_RETRY_AFTER_MS) return undefined;
  return ms;
}

/** Exponential backoff: 0.5 s × 2^retriesDone, capped at 8 s, minus up to 25 % jitter. */
export function computeBackoffMs(retriesDone: number, random: () => number = Math.random): number {
  const base = Math.min(INITIAL_DELAY_MS * 2 ** retriesDone, MAX_DELAY_MS);
  return base * (1 - random() * 0.25);
}

export interface RetryContext {
  /** True for GET/DELETE, cancels, and any request carrying an Idempotency-Key. */
  idempotent: boolean;
}

/** Whether an HTTP answer with this status should be retried. */
export function shouldRetryStatus(status: number, headers: Headers | undefined, ctx: RetryContext): boolean {
  const hint = headers?.get('x-should-retry');
  if (hint === 'true') return true;
  if (hint === 'false') return false;
  // A non-idempotent create is only retried when the server says it did nothing.
  if (!ctx.idempotent) return status === 429 || status === 503;
  return status === 408 || status === 429 || status >= 500;
}

/** Connection errors and timeouts are retried unless the request could have created something twice. */
export function shouldRetryConnectionError(ctx: RetryContext): boolean {
  return ctx.idempotent;
}
