// Contract: claiming (order, filters, exclusivity), lease heartbeats, finishing and cancelling.
import { describe, expect, it } from 'vitest';
import type { Run } from '../../runs/types.ts';
import { type ContractEnv, LONG_LEASE_MS, OTHER_PROJECT, PROJECT, clockPast, driveTo, runParams } from './helpers.ts';

export function lifecycleContract(env: ContractEnv): void {
  const createQueued = async (n: number, over = {}) => {
    const out: Run[] = [];
    for (let i = 0; i < n; i++) out.push(await env.store.runCreate(runParams(over)));
    return out;
  };

  describe('claim', () => {
    it('claims queued runs oldest first, setting lease, attempts and started_at', async () => {
      const runs = await createQueued(5);
      await env.store.runCreate(runParams({ status: 'pending' }));
      const before = Date.now();
      const first = await env.store.runClaim({ owner: 'w1', limit: 3, leaseMs: 30_000 });
      expect(first.map((r) => r.id)).toEqual(runs.slice(0, 3).map((r) => r.id));
      for (const r of first) {
        expect(r).toMatchObject({ status: 'in_progress', leaseOwner: 'w1', attempts: 1 });
        expect(r.startedAt).not.toBeNull();
        expect(new Date(r.leaseExpiresAt!).getTime()).toBeGreaterThanOrEqual(before + 30_000);
        expect(await env.store.runGet({ id: r.id })).toEqual(r);
      }
      const second = await env.store.runClaim({ owner: 'w2', limit: 10, leaseMs: 30_000 });
      expect(second.map((r) => r.id)).toEqual(runs.slice(3).map((r) => r.id));
      expect(await env.store.runClaim({ owner: 'w3', limit: 10, leaseMs: 30_000 })).toEqual([]);
    });

    it('claims across projects and only the requested primitives', async () => {
      const ex = await env.store.runCreate(runParams());
      const other = await env.store.runCreate(runParams({ projectId: OTHER_PROJECT }));
      const parse = await env.store.runCreate(runParams({ primitive: 'parse' }));
      expect(await env.store.runClaim({ owner: 'w', limit: 10, leaseMs: 1000, primitives: [] })).toEqual([]);
      expect(await env.store.runClaim({ owner: 'w', limit: 0, leaseMs: 1000 })).toEqual([]);
      const p = await env.store.runClaim({ owner: 'w', limit: 10, leaseMs: 1000, primitives: ['parse', 'split'] });
      expect(p.map((r) => r.id)).toEqual([parse.id]);
      const rest = await env.store.runClaim({ owner: 'w', limit: 10, leaseMs: 1000 });
      expect(rest.map((r) => r.id).sort()).toEqual([ex.id, other.id].sort());
    });

    it('never gives the same run to two concurrent claimers', async () => {
      const runs = await createQueued(60);
      const owners = ['wA', 'wB', 'wC'];
      const claims = await Promise.all(
        Array.from({ length: 30 }, (_, i) => {
          const owner = owners[i % owners.length];
          return env.store.runClaim({ owner, limit: 3, leaseMs: LONG_LEASE_MS }).then((got) => got.map((r) => ({ owner, r })));
        }),
      );
      const flat = claims.flat();
      const claimedIds = flat.map((x) => x.r.id);
      expect(new Set(claimedIds).size).toBe(claimedIds.length);
      expect(claimedIds.sort()).toEqual(runs.map((r) => r.id).sort());
      for (const { owner, r } of flat) {
        const now = await env.store.runGet({ id: r.id });
        expect(now).toMatchObject({ status: 'in_progress', leaseOwner: owner, attempts: 1 });
      }
    });
  });

  describe('heartbeat', () => {
    it('extends the lease and records progress only for the holder', async () => {
      const { run, owner } = await driveTo(env.store, 'in_progress', { leaseMs: 1 });
      const progress = { stage: 'parsing', completed: 2, total: 5, unit: 'pages' };
      expect(await env.store.runHeartbeat({ id: run.id, owner, leaseMs: 60_000, progress })).toEqual({ held: true, cancelRequested: false });
      const after = await env.store.runGet({ id: run.id });
      expect(after?.progress).toEqual(progress);
      expect(new Date(after!.leaseExpiresAt!).getTime()).toBeGreaterThan(new Date(run.leaseExpiresAt!).getTime());
      // No progress given: progress kept.
      await env.store.runHeartbeat({ id: run.id, owner, leaseMs: 60_000 });
      expect((await env.store.runGet({ id: run.id }))?.progress).toEqual(progress);
      expect(await env.store.runHeartbeat({ id: run.id, owner: 'intruder', leaseMs: 60_000 })).toEqual({ held: false, cancelRequested: false });
      expect(await env.store.runHeartbeat({ id: 'extr_missing', owner, leaseMs: 60_000 })).toEqual({ held: false, cancelRequested: false });
    });

    it('reports a requested cancel while held, and loses the lease once finished', async () => {
      const { run, owner } = await driveTo(env.store, 'in_progress');
      await env.store.runCancel({ id: run.id, projectId: PROJECT });
      expect(await env.store.runHeartbeat({ id: run.id, owner, leaseMs: 60_000 })).toEqual({ held: true, cancelRequested: true });
      await env.store.runFinish({ id: run.id, owner, outcome: 'completed', output: {} });
      expect((await env.store.runHeartbeat({ id: run.id, owner, leaseMs: 60_000 })).held).toBe(false);
    });
  });

  describe('finish', () => {
    it('completes a held run once, storing output, consensus and usage and clearing the lease', async () => {
      const { run, owner } = await driveTo(env.store, 'in_progress');
      const done = await env.store.runFinish({
        id: run.id, owner, outcome: 'completed', output: { total: 42 }, consensus: { choices: [], likelihoods: { total: 1 } },
        usage: { credits: 2, page_count: 3 },
      });
      expect(done).toMatchObject({
        status: 'completed', output: { total: 42 }, consensus: { choices: [], likelihoods: { total: 1 } },
        usage: { credits: 2, page_count: 3 }, error: null, leaseOwner: null, leaseExpiresAt: null, attempts: 1,
      });
      expect(done?.completedAt).not.toBeNull();
      expect(await env.store.runGet({ id: run.id })).toEqual(done);
      expect(await env.store.runFinish({ id: run.id, owner, outcome: 'failed', error: { code: 'x', message: 'y', details: null } })).toBeNull();
      expect(await env.store.runGet({ id: run.id })).toEqual(done);
    });

    it('refuses a finish by a different owner', async () => {
      const { run, owner } = await driveTo(env.store, 'in_progress');
      expect(await env.store.runFinish({ id: run.id, owner: `${owner}_other`, outcome: 'completed', output: {} })).toBeNull();
      expect(await env.store.runGet({ id: run.id })).toEqual(run);
    });

    it('fails a held run with its error and no output', async () => {
      const { run, owner } = await driveTo(env.store, 'in_progress');
      const error = { code: 'corrupt_document', message: 'bad xref', details: { page: 3 } };
      const done = await env.store.runFinish({ id: run.id, owner, outcome: 'failed', error, output: { partial: true } });
      expect(done).toMatchObject({ status: 'failed', error, output: null, leaseOwner: null });
    });

    it('ends cancelled, never completed, when the cancel was requested', async () => {
      for (const outcome of ['completed', 'failed'] as const) {
        const { run, owner } = await driveTo(env.store, 'in_progress', { cancelRequested: true });
        expect(run.cancelRequestedAt).not.toBeNull();
        const done = await env.store.runFinish({
          id: run.id, owner, outcome, output: { total: 1 }, error: outcome === 'failed' ? { code: 'cancelled', message: 'aborted', details: null } : null,
        });
        expect(done).toMatchObject({ status: 'cancelled', output: null, error: null, consensus: null, leaseOwner: null });
        expect(done?.completedAt).not.toBeNull();
        expect(done?.cancelRequestedAt).toBe(run.cancelRequestedAt);
      }
    });
  });

  describe('cancel', () => {
    it('cancels pending and queued runs at once, idempotently', async () => {
      for (const status of ['pending', 'queued'] as const) {
        const run = await env.store.runCreate(runParams({ status }));
        const c = await env.store.runCancel({ id: run.id, projectId: PROJECT });
        expect(c).toMatchObject({ status: 'cancelled', output: null, error: null });
        expect(c?.completedAt).not.toBeNull();
        await clockPast(c!.updatedAt);
        expect(await env.store.runCancel({ id: run.id, projectId: PROJECT })).toEqual(c);
      }
      expect(await env.store.runClaim({ owner: 'w', limit: 10, leaseMs: 1000 })).toEqual([]);
    });

    it('marks an in_progress run, which stays in_progress; repeating returns the same resource', async () => {
      const { run } = await driveTo(env.store, 'in_progress');
      const c = await env.store.runCancel({ id: run.id, projectId: PROJECT });
      expect(c).toMatchObject({ status: 'in_progress', leaseOwner: run.leaseOwner, completedAt: null });
      expect(c?.cancelRequestedAt).not.toBeNull();
      await clockPast(c!.updatedAt); // a rewrite of cancel_requested_at would now show
      expect(await env.store.runCancel({ id: run.id, projectId: PROJECT })).toEqual(c);
    });

    it('returns a terminal run unchanged', async () => {
      for (const status of ['completed', 'failed', 'cancelled'] as const) {
        const { run } = await driveTo(env.store, status);
        expect(await env.store.runCancel({ id: run.id, projectId: PROJECT })).toEqual(run);
      }
    });

    it('racing a claim: each run ends either cancelled unclaimed or claimed with its cancel marked', async () => {
      const runs = await createQueued(40);
      const [claims, cancels] = await Promise.all([
        Promise.all(Array.from({ length: 20 }, (_, i) => env.store.runClaim({ owner: `w${i % 2}`, limit: 2, leaseMs: LONG_LEASE_MS }))),
        Promise.all(runs.map((r) => env.store.runCancel({ id: r.id, projectId: PROJECT }))),
      ]);
      const claimed = new Set(claims.flat().map((r) => r.id));
      for (const [i, r] of runs.entries()) {
        const final = await env.store.runGet({ id: r.id });
        if (claimed.has(r.id)) {
          expect(final?.status).toBe('in_progress');
          expect(final?.cancelRequestedAt).not.toBeNull();
        } else {
          expect(final?.status).toBe('cancelled');
          expect(final?.attempts).toBe(0);
          expect(cancels[i]?.status).toBe('cancelled');
        }
      }
    });
  });
}
