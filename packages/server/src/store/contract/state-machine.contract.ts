// Contract: the store's guarded writes agree with runs/state-machine.ts. For every status (and an
// in_progress run whose cancel was requested), each store write is tried on a fresh run and the
// observed status change is compared with applyEvent / canTransition.
import { describe, expect, it } from 'vitest';
import type { RunStore } from '../run-store.ts';
import type { RunStatus } from '../../runs/types.ts';
import { type RunEvent, applyEvent, canTransition } from '../../runs/state-machine.ts';
import { type ContractEnv, PROJECT, driveTo, farFuture, settle } from './helpers.ts';

interface Op {
  name: string;
  maxAttempts?: number;
  /** The state-machine event this write performs (none for writes the machine does not model). */
  event?: (cancelRequested: boolean) => RunEvent;
  /** Perform the write; report whether the store says it changed the run. */
  apply: (s: RunStore, id: string, owner: string) => Promise<boolean>;
}

const OPS: Op[] = [
  { name: 'runMarkReady', event: () => ({ type: 'ready' }), apply: (s, id) => s.runMarkReady({ id }) },
  {
    name: 'runClaim', event: () => ({ type: 'claim' }),
    apply: async (s, id) => (await s.runClaim({ owner: 'claimer', limit: 100, leaseMs: 60_000 })).some((r) => r.id === id),
  },
  ...(['completed', 'failed'] as const).map((outcome): Op => ({
    name: `runFinish(${outcome})`,
    event: (cancelRequested) => ({ type: 'finish', outcome, cancelRequested }),
    apply: async (s, id, owner) => (await s.runFinish({ id, owner, outcome, output: { ok: 1 } })) !== null,
  })),
  {
    name: 'runCancel', event: () => ({ type: 'cancel' }),
    apply: async (s, id) => (await s.runCancel({ id, projectId: PROJECT })) !== null,
  },
  ...[3, 1].map((maxAttempts): Op => ({
    name: `runRecoverExpired(maxAttempts=${maxAttempts})`,
    maxAttempts,
    event: () => ({ type: 'lease_expired', attempts: 1, maxAttempts }),
    apply: async (s, id) => {
      const r = await s.runRecoverExpired({ now: farFuture() });
      return [...r.requeued, ...r.failed, ...r.cancelled].includes(id);
    },
  })),
  {
    name: 'runFailUnclaimed',
    apply: (s, id) => s.runFailUnclaimed({ id, error: { code: 'fetch_failed', message: 'x', details: null } }),
  },
  { name: 'runHeartbeat', apply: async (s, id, owner) => (await s.runHeartbeat({ id, owner, leaseMs: 60_000 })).held },
];

const STARTS: { status: RunStatus; cancelRequested: boolean }[] = [
  { status: 'pending', cancelRequested: false },
  { status: 'queued', cancelRequested: false },
  { status: 'in_progress', cancelRequested: false },
  { status: 'in_progress', cancelRequested: true },
  { status: 'completed', cancelRequested: false },
  { status: 'failed', cancelRequested: false },
  { status: 'cancelled', cancelRequested: false },
];

/** The status the store must end in, per the state machine (plus the store's documented policies). */
function expected(op: Op, from: RunStatus, cancelRequested: boolean): { to: RunStatus; changed: boolean; markCancel: boolean } {
  if (op.name === 'runFailUnclaimed') {
    const ok = from === 'pending' || from === 'queued';
    return { to: ok ? 'failed' : from, changed: ok, markCancel: false };
  }
  if (op.name === 'runHeartbeat') return { to: from, changed: from === 'in_progress', markCancel: false };
  const res = applyEvent(from, op.event!(cancelRequested));
  if (!res.ok) return { to: from, changed: false, markCancel: false };
  // Store policy beyond the machine: an expired lease on a run whose cancel was requested ends
  // cancelled rather than being retried (nobody wants its result).
  if (op.event!(cancelRequested).type === 'lease_expired' && cancelRequested) return { to: 'cancelled', changed: true, markCancel: false };
  // Cancel always answers with the resource (changed=true means "returned non-null" here).
  return { to: res.to, changed: true, markCancel: Boolean(res.markCancel) };
}

export function stateMachineContract(env: ContractEnv): void {
  describe('agreement with runs/state-machine.ts', () => {
    for (const start of STARTS) {
      const label = start.status + (start.cancelRequested ? ' (cancel requested)' : '');
      it(`every write on a ${label} run matches applyEvent/canTransition`, async () => {
        for (const op of OPS) {
          const { run, owner } = await driveTo(env.store, start.status, {
            cancelRequested: start.cancelRequested, maxAttempts: op.maxAttempts,
          });
          const changed = await op.apply(env.store, run.id, owner);
          const after = await env.store.runGet({ id: run.id });
          const want = expected(op, start.status, start.cancelRequested);
          const ctx = `${op.name} on ${label}`;
          expect(after?.status, ctx).toBe(want.to);
          expect(changed, ctx).toBe(want.changed);
          if (after!.status !== start.status) expect(canTransition(start.status, after!.status), ctx).toBe(true);
          if (want.markCancel) expect(after?.cancelRequestedAt, ctx).not.toBeNull();
          if (!want.changed && op.name !== 'runCancel') expect(after, ctx).toEqual(run);
          await settle(env.store, run.id, owner);
        }
      });
    }
  });
}
