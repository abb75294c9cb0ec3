// Shared fixtures for the RunStore contract suite: run parameters, and driving a run into a
// given status through the store's own writes (never by poking the database).
import { expect } from 'vitest';
import type { RunCreateParams, RunStore } from '../run-store.ts';
import type { Run, RunStatus } from '../../runs/types.ts';
import { newRunId } from '../../runs/ids.ts';

/** What each contract section sees: the store opened for the current test. */
export interface ContractEnv {
  readonly store: RunStore;
}

export const PROJECT = 'proj_contract_a';
export const OTHER_PROJECT = 'proj_contract_b';
export const LONG_LEASE_MS = 10 * 60_000;
/** A `now` far enough ahead that every lease taken during the test has expired. */
export const farFuture = (): Date => new Date(Date.now() + 24 * 3600_000);

export function runParams(over: Partial<RunCreateParams> = {}): RunCreateParams {
  return {
    id: newRunId('extr_'),
    primitive: 'extraction',
    projectId: PROJECT,
    status: 'queued',
    model: 'retab-small',
    file: { id: 'file_0123456789ab', filename: 'invoice.pdf', mime_type: 'application/pdf' },
    blobKey: 'a1b2c3',
    params: { json_schema: { type: 'object', properties: { total: { type: 'number' } } }, n_consensus: 1 },
    metadata: null,
    maxAttempts: 3,
    ...over,
  };
}

export interface Driven {
  run: Run;
  /** The lease owner that claimed it (for in_progress and finished runs). */
  owner: string;
}

/**
 * Create a run and move it into `status` with store writes. `cancelRequested` applies to
 * in_progress. Assumes no other queued run of the project is waiting (the claim must take ours).
 */
export async function driveTo(
  store: RunStore,
  status: RunStatus,
  opts: { cancelRequested?: boolean; maxAttempts?: number; leaseMs?: number } = {},
): Promise<Driven> {
  const owner = `owner_${Math.random().toString(36).slice(2, 10)}`;
  const created = await store.runCreate(
    runParams({ status: status === 'pending' ? 'pending' : 'queued', maxAttempts: opts.maxAttempts ?? 3 }),
  );
  let run: Run | null = created;
  if (status === 'pending' || status === 'queued') return { run: created, owner };
  if (status === 'cancelled') {
    run = await store.runCancel({ id: created.id, projectId: PROJECT });
    expect(run?.status).toBe('cancelled');
    return { run: run!, owner };
  }
  const claimed = await store.runClaim({ owner, limit: 100, leaseMs: opts.leaseMs ?? LONG_LEASE_MS });
  expect(claimed.map((r) => r.id)).toEqual([created.id]);
  run = claimed[0];
  if (status === 'in_progress') {
    if (opts.cancelRequested) run = await store.runCancel({ id: created.id, projectId: PROJECT });
    return { run: run!, owner };
  }
  run = await store.runFinish({
    id: created.id,
    owner,
    outcome: status === 'completed' ? 'completed' : 'failed',
    output: status === 'completed' ? { total: 42 } : undefined,
    error: status === 'failed' ? { code: 'model_error', message: 'boom', details: null } : null,
    usage: { credits: 1, page_count: 1 },
  });
  expect(run?.status).toBe(status);
  return { run: run!, owner };
}

/** Bring a run to a terminal state so it cannot interfere with later claims in the same test. */
export async function settle(store: RunStore, id: string, owner: string): Promise<void> {
  await store.runCancel({ id, projectId: PROJECT });
  await store.runFinish({ id, owner, outcome: 'failed' });
  const run = await store.runGet({ id });
  if (run && run.status === 'in_progress') {
    // Held by someone else (e.g. re-claimed): expire it away.
    await store.runRecoverExpired({ now: farFuture() });
  }
}

/** Wait (without a fixed sleep) until the wall clock has moved past `iso`. */
export async function clockPast(iso: string): Promise<void> {
  const t = new Date(iso).getTime();
  while (Date.now() <= t) await new Promise((r) => setImmediate(r));
}
