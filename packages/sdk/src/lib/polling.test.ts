// pollUntilTerminal: Retry-After steers the poll interval, timeouts, abort → cancel.
import { describe, expect, it } from 'vitest';
import { APIUserAbortError, PollTimeoutError } from '../core/errors.ts';
import { pollUntilTerminal } from './polling.ts';

type R = { id: string; status: string };
const answer = (data: R, headers: Record<string, string> = {}) => ({ data, response: new Response(null, { headers }) });

describe('pollUntilTerminal', () => {
  it('returns at once when the created run is already terminal', async () => {
    const done = { id: 'a', status: 'failed' };
    expect(await pollUntilTerminal(done, { get: () => Promise.reject(new Error('no poll')), cancel: async () => done })).toBe(done);
  });

  it('uses the server Retry-After between polls instead of pollIntervalMs', async () => {
    const statuses = ['queued', 'in_progress', 'completed'];
    let n = 0;
    const seen: string[] = [];
    const started = Date.now();
    const final = await pollUntilTerminal({ id: 'a', status: 'queued' }, {
      pollIntervalMs: 20,
      get: async () => answer({ id: 'a', status: statuses[++n] }, { 'retry-after-ms': '1' }),
      cancel: async () => ({ id: 'a', status: 'cancelled' }),
      onProgress: (r) => seen.push(r.status),
    });
    expect(final.status).toBe('completed');
    expect(seen).toEqual(['queued', 'in_progress', 'completed']);
    expect(Date.now() - started).toBeLessThan(200); // one 20 ms wait, then 1 ms as the server asked

    let m = 0;
    const slow = Date.now();
    await pollUntilTerminal({ id: 'b', status: 'queued' }, {
      pollIntervalMs: 5,
      get: async () => answer({ id: 'b', status: ++m < 2 ? 'queued' : 'completed' }, { 'retry-after': '1' }),
      cancel: async () => ({ id: 'b', status: 'cancelled' }),
    });
    expect(Date.now() - slow).toBeGreaterThanOrEqual(950);
  });

  it('throws PollTimeoutError with the last seen run, without cancelling', async () => {
    let cancelled = false;
    const err = await pollUntilTerminal({ id: 'a', status: 'queued' }, {
      pollIntervalMs: 10,
      timeoutMs: 60,
      get: async () => answer({ id: 'a', status: 'in_progress' }),
      cancel: async () => {
        cancelled = true;
        return { id: 'a', status: 'cancelled' };
      },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(PollTimeoutError);
    expect(err.lastSeen).toEqual({ id: 'a', status: 'in_progress' });
    expect(cancelled).toBe(false);
  });

  it('cancels the run server-side when the signal aborts, then throws APIUserAbortError', async () => {
    const ctl = new AbortController();
    const cancelled: string[] = [];
    setTimeout(() => ctl.abort(), 30);
    const err = await pollUntilTerminal({ id: 'run_1', status: 'queued' }, {
      pollIntervalMs: 10,
      signal: ctl.signal,
      get: async () => answer({ id: 'run_1', status: 'queued' }),
      cancel: async (id) => {
        cancelled.push(id);
        return { id, status: 'cancelled' };
      },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(APIUserAbortError);
    expect(cancelled).toEqual(['run_1']);
  });
});
