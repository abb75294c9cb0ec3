// Contract: recovery of expired leases, and terminal runs never changing again.
import { describe, expect, it } from 'vitest';
import { type ContractEnv, PROJECT, driveTo, farFuture } from './helpers.ts';

export function recoveryContract(env: ContractEnv): void {
  describe('release (graceful hand-back)', () => {
    it('puts a held run back in the queue without spending the attempt; only the holder can', async () => {
      const { run, owner } = await driveTo(env.store, 'in_progress', { maxAttempts: 1 });
      expect(await env.store.runRelease({ id: run.id, owner: 'someone_else' })).toBe(false);
      expect(await env.store.runRelease({ id: run.id, owner })).toBe(true);
      expect(await env.store.runGet({ id: run.id })).toMatchObject({ status: 'queued', leaseOwner: null, leaseExpiresAt: null, attempts: 0 });
      expect(await env.store.runRelease({ id: run.id, owner })).toBe(false);
      expect(await env.store.runFinish({ id: run.id, owner, outcome: 'completed', output: {} })).toBeNull();
      const [again] = await env.store.runClaim({ owner: 'next_owner', limit: 1, leaseMs: 60_000 });
      expect(again).toMatchObject({ id: run.id, attempts: 1 });
    });

    it('does not release a run whose cancel was requested, nor a terminal run', async () => {
      const { run, owner } = await driveTo(env.store, 'in_progress', { cancelRequested: true });
      expect(await env.store.runRelease({ id: run.id, owner })).toBe(false);
      expect((await env.store.runGet({ id: run.id }))?.status).toBe('in_progress');
      const done = await driveTo(env.store, 'completed');
      expect(await env.store.runRelease({ id: done.run.id, owner: done.owner })).toBe(false);
    });
  });

  describe('recover expired leases', () => {
    it('leaves live leases alone', async () => {
      const { run } = await driveTo(env.store, 'in_progress');
      expect(await env.store.runRecoverExpired({ now: new Date() })).toEqual({ requeued: [], failed: [], cancelled: [] });
      expect(await env.store.runGet({ id: run.id })).toEqual(run);
    });

    it('requeues a run with attempts left; a new owner finishes it and the old owner is refused', async () => {
      const { run, owner: oldOwner } = await driveTo(env.store, 'in_progress', { maxAttempts: 2, leaseMs: 1 });
      const rec = await env.store.runRecoverExpired({ now: farFuture() });
      expect(rec).toEqual({ requeued: [run.id], failed: [], cancelled: [] });
      const requeued = await env.store.runGet({ id: run.id });
      expect(requeued).toMatchObject({ status: 'queued', leaseOwner: null, leaseExpiresAt: null, attempts: 1, startedAt: run.startedAt });
      const [again] = await env.store.runClaim({ owner: 'new_owner', limit: 5, leaseMs: 60_000 });
      expect(again).toMatchObject({ id: run.id, leaseOwner: 'new_owner', attempts: 2, startedAt: run.startedAt });
      expect((await env.store.runHeartbeat({ id: run.id, owner: oldOwner, leaseMs: 60_000 })).held).toBe(false);
      expect(await env.store.runFinish({ id: run.id, owner: oldOwner, outcome: 'completed', output: { stale: true } })).toBeNull();
      const done = await env.store.runFinish({ id: run.id, owner: 'new_owner', outcome: 'completed', output: { fresh: true } });
      expect(done).toMatchObject({ status: 'completed', output: { fresh: true }, attempts: 2 });
      expect(await env.store.runFinish({ id: run.id, owner: oldOwner, outcome: 'failed' })).toBeNull();
    });

    it('fails a run with no attempts left as worker_lost', async () => {
      const { run, owner } = await driveTo(env.store, 'in_progress', { maxAttempts: 1, leaseMs: 1 });
      expect(await env.store.runRecoverExpired({ now: farFuture() })).toEqual({ requeued: [], failed: [run.id], cancelled: [] });
      const failed = await env.store.runGet({ id: run.id });
      expect(failed).toMatchObject({ status: 'failed', leaseOwner: null, output: null, attempts: 1 });
      expect(failed?.error).toMatchObject({ code: 'worker_lost', details: { attempts: 1 } });
      expect(typeof failed?.error?.message).toBe('string');
      expect(failed?.completedAt).not.toBeNull();
      expect(await env.store.runFinish({ id: run.id, owner, outcome: 'completed', output: {} })).toBeNull();
    });

    it('ends a run cancelled when its cancel was requested and its lease expired', async () => {
      const { run } = await driveTo(env.store, 'in_progress', { cancelRequested: true, maxAttempts: 3, leaseMs: 1 });
      expect(await env.store.runRecoverExpired({ now: farFuture() })).toEqual({ requeued: [], failed: [], cancelled: [run.id] });
      const c = await env.store.runGet({ id: run.id });
      expect(c).toMatchObject({ status: 'cancelled', leaseOwner: null, error: null, output: null });
      expect(c?.completedAt).not.toBeNull();
    });

    it('recovers each expired run exactly once', async () => {
      const a = await driveTo(env.store, 'in_progress', { maxAttempts: 2, leaseMs: 1 });
      const b = await driveTo(env.store, 'in_progress', { maxAttempts: 1, leaseMs: 1 });
      const [r1, r2] = await Promise.all([env.store.runRecoverExpired({ now: farFuture() }), env.store.runRecoverExpired({ now: farFuture() })]);
      expect([...r1.requeued, ...r2.requeued]).toEqual([a.run.id]);
      expect([...r1.failed, ...r2.failed]).toEqual([b.run.id]);
    });
  });

  describe('terminal runs are final', () => {
    for (const status of ['completed', 'failed', 'cancelled'] as const) {
      it(`a ${status} run is unchanged by every write`, async () => {
        const { run, owner } = await driveTo(env.store, status);
        const s = env.store;
        const error = { code: 'internal_error', message: 'x', details: null };
        expect(await s.runMarkReady({ id: run.id })).toBe(false);
        expect(await s.runFailUnclaimed({ id: run.id, error })).toBe(false);
        expect(await s.runClaim({ owner, limit: 10, leaseMs: 1000 })).toEqual([]);
        expect(await s.runHeartbeat({ id: run.id, owner, leaseMs: 1000 })).toEqual({ held: false, cancelRequested: false });
        for (const outcome of ['completed', 'failed'] as const) {
          expect(await s.runFinish({ id: run.id, owner, outcome, output: { again: true }, error })).toBeNull();
        }
        expect(await s.runCancel({ id: run.id, projectId: PROJECT })).toEqual(run);
        expect(await s.runRecoverExpired({ now: farFuture() })).toEqual({ requeued: [], failed: [], cancelled: [] });
        expect(await s.runGet({ id: run.id })).toEqual(run);
      });
    }
  });
}
