// Contract: create, get, project isolation, delete, markReady, failUnclaimed, counts.
import { describe, expect, it } from 'vitest';
import { type ContractEnv, OTHER_PROJECT, PROJECT, driveTo, runParams } from './helpers.ts';

export function runsBasicContract(env: ContractEnv): void {
  describe('create and get', () => {
    it('creates a run with every field round-tripped and the initial bookkeeping', async () => {
      const p = runParams({ metadata: { customer: 'acme', 'a.b': 'dotted' }, params: { template_id: 'tpl_1', nested: { x: [1, 'two', null] } } });
      const run = await env.store.runCreate(p);
      expect(run).toMatchObject({
        id: p.id, primitive: 'extraction', projectId: PROJECT, status: 'queued', model: 'retab-small',
        file: p.file, blobKey: 'a1b2c3', params: p.params, metadata: p.metadata,
        output: null, consensus: null, error: null, usage: null, progress: null,
        attempts: 0, maxAttempts: 3, leaseOwner: null, leaseExpiresAt: null, cancelRequestedAt: null,
        startedAt: null, completedAt: null,
      });
      expect(new Date(run.createdAt).toISOString()).toBe(run.createdAt);
      expect(run.updatedAt).toBe(run.createdAt);
      expect(await env.store.runGet({ id: p.id })).toEqual(run);
    });

    it('keeps null file, blob and metadata as null', async () => {
      const run = await env.store.runCreate(runParams({ primitive: 'edit', file: null, blobKey: null, metadata: null, status: 'pending' }));
      expect(await env.store.runGet({ id: run.id })).toMatchObject({ file: null, blobKey: null, metadata: null, status: 'pending' });
    });

    it('rejects a duplicate id', async () => {
      const p = runParams();
      await env.store.runCreate(p);
      await expect(env.store.runCreate(p)).rejects.toThrow();
    });

    it('isolates projects: another project cannot see, cancel or delete the run', async () => {
      const run = await env.store.runCreate(runParams());
      expect(await env.store.runGet({ id: run.id, projectId: OTHER_PROJECT })).toBeNull();
      expect(await env.store.runGet({ id: run.id, projectId: PROJECT })).toEqual(run);
      expect(await env.store.runCancel({ id: run.id, projectId: OTHER_PROJECT })).toBeNull();
      expect(await env.store.runDelete({ id: run.id, projectId: OTHER_PROJECT })).toBe(false);
      expect(await env.store.runGet({ id: run.id })).toEqual(run);
      const list = await env.store.runList({ projectId: OTHER_PROJECT, primitive: 'extraction', limit: 10, order: 'desc' });
      expect(list.data).toEqual([]);
    });

    it('returns null for an unknown id', async () => {
      expect(await env.store.runGet({ id: 'extr_nope' })).toBeNull();
      expect(await env.store.runCancel({ id: 'extr_nope', projectId: PROJECT })).toBeNull();
    });
  });

  describe('delete', () => {
    it('deletes a run of the project once', async () => {
      const { run } = await driveTo(env.store, 'completed');
      expect(await env.store.runDelete({ id: run.id, projectId: PROJECT })).toBe(true);
      expect(await env.store.runGet({ id: run.id })).toBeNull();
      expect(await env.store.runDelete({ id: run.id, projectId: PROJECT })).toBe(false);
    });
  });

  describe('markReady and failUnclaimed', () => {
    it('moves pending to queued, once', async () => {
      const run = await env.store.runCreate(runParams({ status: 'pending' }));
      expect(await env.store.runClaim({ owner: 'w', limit: 10, leaseMs: 1000 })).toEqual([]);
      expect(await env.store.runMarkReady({ id: run.id })).toBe(true);
      expect(await env.store.runMarkReady({ id: run.id })).toBe(false);
      expect((await env.store.runGet({ id: run.id }))?.status).toBe('queued');
      expect((await env.store.runClaim({ owner: 'w', limit: 10, leaseMs: 1000 })).map((r) => r.id)).toEqual([run.id]);
    });

    it('fails pending and queued runs with the given error, but not a held run', async () => {
      const error = { code: 'fetch_failed', message: 'could not download', details: { status: 404 } };
      for (const status of ['pending', 'queued'] as const) {
        const run = await env.store.runCreate(runParams({ status }));
        expect(await env.store.runFailUnclaimed({ id: run.id, error })).toBe(true);
        const after = await env.store.runGet({ id: run.id });
        expect(after).toMatchObject({ status: 'failed', error, output: null });
        expect(after?.completedAt).not.toBeNull();
        expect(await env.store.runFailUnclaimed({ id: run.id, error })).toBe(false);
      }
      const { run } = await driveTo(env.store, 'in_progress');
      expect(await env.store.runFailUnclaimed({ id: run.id, error })).toBe(false);
      expect((await env.store.runGet({ id: run.id }))?.status).toBe('in_progress');
    });
  });

  describe('counts', () => {
    it('counts runs by status with every status present', async () => {
      for (const s of ['pending', 'queued'] as const) await env.store.runCreate(runParams({ status: s }));
      await driveTo(env.store, 'cancelled');
      await env.store.runCreate(runParams({ status: 'queued', projectId: OTHER_PROJECT }));
      expect(await env.store.runCounts()).toEqual({ pending: 1, queued: 2, in_progress: 0, completed: 0, failed: 0, cancelled: 1 });
    });
  });
}
