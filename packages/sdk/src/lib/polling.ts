// Polls a background run until it is terminal, honouring Retry-After; cancels it on abort.
import { APIUserAbortError, PollTimeoutError } from '../core/errors.ts';
import type { HttpResult } from '../core/request.ts';
import { parseRetryAfter } from '../core/retry.ts';
import { sleep } from '../core/sleep.ts';
import { isTerminalStatus, type PollOptions } from '../resources/shared.ts';

export interface PollDeps<R> extends PollOptions {
  get: (id: string, signal: AbortSignal | undefined) => Promise<HttpResult<R>>;
  cancel: (id: string) => Promise<R>;
}

export async function pollUntilTerminal<R extends { id: string; status: string }>(
  created: R,
  deps: PollDeps<R>,
): Promise<R> {
  const { signal, timeoutMs, pollIntervalMs = 1000, onProgress } = deps;
  const deadline = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
  let current = created;
  let delay = pollIntervalMs;
  onProgress?.(current);
  try {
    while (!isTerminalStatus(current.status)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new PollTimeoutError(current, timeoutMs!);
      await sleep(Math.min(delay, left), signal);
      const { data, response } = await deps.get(current.id, signal);
      current = data;
      delay = parseRetryAfter(response.headers) ?? pollIntervalMs;
      onProgress?.(current);
    }
    return current;
  } catch (err) {
    if (err instanceof APIUserAbortError || signal?.aborted) {
      await deps.cancel(current.id).catch(() => undefined);
      throw err instanceof APIUserAbortError ? err : new APIUserAbortError();
    }
    throw err;
  }
}
