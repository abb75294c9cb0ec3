// Contract: idempotency keys on runCreate (unique per project, conflict error, lookup), edit
// templates (create/get/list/update/delete, project scoping, id-cursor pagination, name filter)
// and listen's unsubscribe.
import { describe, expect, it } from 'vitest';
import { IdempotencyConflictError, type EditTemplate } from '../run-store.ts';
import { newRunId } from '../../runs/ids.ts';
import { type ContractEnv, OTHER_PROJECT, PROJECT, clockPast, runParams } from './helpers.ts';

const FILE = { id: 'file_form0123456', filename: 'W-9 Form.pdf', mime_type: 'application/pdf' };
const FIELDS = [{ key: 'name', description: 'Full name', type: 'text', bbox: { left: 0.1, top: 0.2, width: 0.3, height: 0.02, page: 1 } }];

export function templatesIdempotencyContract(env: ContractEnv): void {
  describe('idempotency keys', () => {
    it('stores the key and request hash, finds the run by key, and refuses a second create with the key', async () => {
      const s = env.store;
      const run = await s.runCreate(runParams({ idempotencyKey: 'key-1', requestHash: 'sha256:aaa' }));
      const found = await s.runFindByIdempotencyKey({ projectId: PROJECT, key: 'key-1' });
      expect(found).toEqual({ run: await s.runGet({ id: run.id }), requestHash: 'sha256:aaa' });
      expect(found?.run).toEqual(run);

      const dup = s.runCreate(runParams({ idempotencyKey: 'key-1', requestHash: 'sha256:bbb' }));
      await expect(dup).rejects.toBeInstanceOf(IdempotencyConflictError);
      await expect(s.runCreate(runParams({ idempotencyKey: 'key-1', requestHash: null }))).rejects.toMatchObject({
        name: 'IdempotencyConflictError',
        projectId: PROJECT,
        key: 'key-1',
      });
      expect((await s.runCounts()).queued).toBe(1);
      // The first run is untouched by the refused creates.
      expect((await s.runFindByIdempotencyKey({ projectId: PROJECT, key: 'key-1' }))?.requestHash).toBe('sha256:aaa');
    });

    it('scopes keys to a project; runs without a key never conflict; unknown keys are null', async () => {
      const s = env.store;
      const a = await s.runCreate(runParams({ idempotencyKey: 'shared' }));
      const b = await s.runCreate(runParams({ projectId: OTHER_PROJECT, idempotencyKey: 'shared' }));
      expect((await s.runFindByIdempotencyKey({ projectId: PROJECT, key: 'shared' }))?.run.id).toBe(a.id);
      expect((await s.runFindByIdempotencyKey({ projectId: OTHER_PROJECT, key: 'shared' }))?.run.id).toBe(b.id);
      expect((await s.runFindByIdempotencyKey({ projectId: OTHER_PROJECT, key: 'shared' }))?.requestHash).toBeNull();
      for (let i = 0; i < 3; i++) await s.runCreate(runParams());
      await s.runCreate(runParams({ idempotencyKey: null, requestHash: null }));
      expect((await s.runCounts()).queued).toBe(6);
      expect(await s.runFindByIdempotencyKey({ projectId: PROJECT, key: 'missing' })).toBeNull();
    });

    it('a duplicate run id is not reported as an idempotency conflict', async () => {
      const p = runParams({ idempotencyKey: 'k-a' });
      await env.store.runCreate(p);
      const again = env.store.runCreate({ ...p, idempotencyKey: 'k-b' });
      await expect(again).rejects.toThrow();
      await expect(again).rejects.not.toBeInstanceOf(IdempotencyConflictError);
    });

    it('a deleted run frees its key', async () => {
      const run = await env.store.runCreate(runParams({ idempotencyKey: 'again' }));
      expect(await env.store.runDelete({ id: run.id, projectId: PROJECT })).toBe(true);
      expect(await env.store.runFindByIdempotencyKey({ projectId: PROJECT, key: 'again' })).toBeNull();
      const second = await env.store.runCreate(runParams({ idempotencyKey: 'again' }));
      expect((await env.store.runFindByIdempotencyKey({ projectId: PROJECT, key: 'again' }))?.run.id).toBe(second.id);
    });
  });

  describe('edit templates', () => {
    const create = (over: Partial<{ projectId: string; name: string }> = {}) =>
      env.store.templateCreate({
        id: newRunId('edittplt_'),
        projectId: over.projectId ?? PROJECT,
        name: over.name ?? 'W-9',
        file: FILE,
        blobKey: 'cafe0123',
        formFields: FIELDS,
      });

    it('creates and gets a template within its project only', async () => {
      const t = await create();
      expect(t).toMatchObject({ projectId: PROJECT, name: 'W-9', file: FILE, blobKey: 'cafe0123', formFields: FIELDS });
      expect(t.id).toMatch(/^edittplt_/);
      expect(new Date(t.createdAt).toISOString()).toBe(t.createdAt);
      expect(t.updatedAt).toBe(t.createdAt);
      expect(await env.store.templateGet({ id: t.id, projectId: PROJECT })).toEqual(t);
      expect(await env.store.templateGet({ id: t.id, projectId: OTHER_PROJECT })).toBeNull();
      expect(await env.store.templateGet({ id: 'edittplt_missing', projectId: PROJECT })).toBeNull();
      await expect(env.store.templateCreate({ ...t, formFields: [] })).rejects.toThrow(); // duplicate id
    });

    it('updates name and form fields separately, bumps updatedAt, and never across projects', async () => {
      const t = await create();
      await clockPast(t.updatedAt);
      const renamed = await env.store.templateUpdate({ id: t.id, projectId: PROJECT, name: 'W-9 (2024)' });
      expect(renamed).toMatchObject({ name: 'W-9 (2024)', formFields: FIELDS, createdAt: t.createdAt });
      expect(renamed!.updatedAt > t.updatedAt).toBe(true);
      const refielded = await env.store.templateUpdate({ id: t.id, projectId: PROJECT, formFields: [] });
      expect(refielded).toMatchObject({ name: 'W-9 (2024)', formFields: [] });
      expect(await env.store.templateUpdate({ id: t.id, projectId: OTHER_PROJECT, name: 'x' })).toBeNull();
      expect(await env.store.templateUpdate({ id: 'edittplt_missing', projectId: PROJECT, name: 'x' })).toBeNull();
      expect(await env.store.templateGet({ id: t.id, projectId: PROJECT })).toEqual(refielded);
    });

    it('deletes once, only within its project', async () => {
      const t = await create();
      expect(await env.store.templateDelete({ id: t.id, projectId: OTHER_PROJECT })).toBe(false);
      expect(await env.store.templateDelete({ id: t.id, projectId: PROJECT })).toBe(true);
      expect(await env.store.templateDelete({ id: t.id, projectId: PROJECT })).toBe(false);
      expect(await env.store.templateGet({ id: t.id, projectId: PROJECT })).toBeNull();
    });

    it('lists by id cursor in both orders, like runs, with a case-insensitive name filter', async () => {
      const all: EditTemplate[] = [];
      for (let i = 0; i < 12; i++) all.push(await create({ name: i % 3 === 0 ? `Lease Ägreement ${i}` : `Form ${i}` }));
      await create({ projectId: OTHER_PROJECT, name: 'Lease elsewhere' });
      const ids = (r: { data: EditTemplate[] }) => r.data.map((t) => t.id);
      const asc = all.map((t) => t.id);
      const desc = [...asc].reverse();
      const list = (p: { order: 'asc' | 'desc'; before?: string; after?: string; name?: string; limit?: number }) =>
        env.store.templateList({ projectId: PROJECT, limit: 5, ...p });

      const d1 = await list({ order: 'desc' });
      expect(ids(d1)).toEqual(desc.slice(0, 5));
      expect(d1.hasMore).toBe(true);
      const d2 = await list({ order: 'desc', after: desc[4] });
      expect(ids(d2)).toEqual(desc.slice(5, 10));
      const d3 = await list({ order: 'desc', after: desc[9] });
      expect(ids(d3)).toEqual(desc.slice(10));
      expect(d3.hasMore).toBe(false);
      const back = await list({ order: 'desc', before: desc[10] });
      expect(ids(back)).toEqual(desc.slice(5, 10));
      expect(back.hasMore).toBe(true);

      const a1 = await list({ order: 'asc', limit: 100 });
      expect(ids(a1)).toEqual(asc);
      expect(a1.hasMore).toBe(false);
      const aBack = await list({ order: 'asc', before: asc[5] });
      expect(ids(aBack)).toEqual(asc.slice(0, 5));
      expect(aBack.hasMore).toBe(false);
      expect(a1.data[0]).toEqual(all[0]);

      const leases = await list({ order: 'asc', name: 'lease äGREEMENT', limit: 100 });
      expect(ids(leases)).toEqual([asc[0], asc[3], asc[6], asc[9]]);
      expect((await list({ order: 'asc', name: 'nothing like it' })).data).toEqual([]);
    });
  });

  describe('listen', () => {
    it('returns an unsubscribe function that resolves', async () => {
      const unsubscribe = await env.store.listen(() => undefined);
      await expect(unsubscribe()).resolves.toBeUndefined();
    });
  });
}
