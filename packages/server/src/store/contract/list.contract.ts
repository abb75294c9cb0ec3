// Contract: runList cursor pagination (both orders, after/before, hasMore) and every filter.
import { describe, expect, it } from 'vitest';
import type { RunListParams } from '../run-store.ts';
import type { Run } from '../../runs/types.ts';
import { type ContractEnv, OTHER_PROJECT, PROJECT, clockPast, runParams } from './helpers.ts';

export function listContract(env: ContractEnv): void {
  const list = (p: Partial<RunListParams>) =>
    env.store.runList({ projectId: PROJECT, primitive: 'extraction', limit: 10, order: 'desc', ...p });
  const ids = (runs: Run[]) => runs.map((r) => r.id);

  /** 25 extraction runs of PROJECT (ids ascending), plus runs that must never show up. */
  async function seed25(): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < 25; i++) out.push((await env.store.runCreate(runParams())).id);
    await env.store.runCreate(runParams({ projectId: OTHER_PROJECT }));
    await env.store.runCreate(runParams({ primitive: 'parse', id: `prs_${out[3].slice(5)}x` }));
    return out;
  }

  describe('list pagination', () => {
    it('walks 25 runs desc in pages of 10 with after, and back with before', async () => {
      const all = await seed25();
      const desc = [...all].reverse();
      const p1 = await list({});
      expect(ids(p1.data)).toEqual(desc.slice(0, 10));
      expect(p1.hasMore).toBe(true);
      const p2 = await list({ after: p1.data[9].id });
      expect(ids(p2.data)).toEqual(desc.slice(10, 20));
      expect(p2.hasMore).toBe(true);
      const p3 = await list({ after: p2.data[9].id });
      expect(ids(p3.data)).toEqual(desc.slice(20, 25));
      expect(p3.hasMore).toBe(false);
      // Back: the page just before the first item of p3 is p2, and more exist before it.
      const b2 = await list({ before: p3.data[0].id });
      expect(ids(b2.data)).toEqual(ids(p2.data));
      expect(b2.hasMore).toBe(true);
      const b1 = await list({ before: b2.data[0].id });
      expect(ids(b1.data)).toEqual(ids(p1.data));
      expect(b1.hasMore).toBe(false);
      expect((await list({ before: desc[0] })).data).toEqual([]);
    });

    it('walks 25 runs asc in pages of 10 with after, and back with before', async () => {
      const all = await seed25();
      const p1 = await list({ order: 'asc' });
      expect(ids(p1.data)).toEqual(all.slice(0, 10));
      expect(p1.hasMore).toBe(true);
      const p2 = await list({ order: 'asc', after: p1.data[9].id });
      expect(ids(p2.data)).toEqual(all.slice(10, 20));
      const p3 = await list({ order: 'asc', after: p2.data[9].id });
      expect(ids(p3.data)).toEqual(all.slice(20));
      expect(p3.hasMore).toBe(false);
      const b2 = await list({ order: 'asc', before: p3.data[0].id });
      expect(ids(b2.data)).toEqual(all.slice(10, 20));
      expect(b2.hasMore).toBe(true);
      const b1 = await list({ order: 'asc', before: b2.data[0].id });
      expect(ids(b1.data)).toEqual(all.slice(0, 10));
      expect(b1.hasMore).toBe(false);
    });

    it('hasMore is false on an exact final page and limit bounds the page', async () => {
      const all = await seed25();
      const r = await list({ order: 'asc', after: all[14] });
      expect(ids(r.data)).toEqual(all.slice(15));
      expect(r.hasMore).toBe(false);
      const one = await list({ limit: 1 });
      expect(ids(one.data)).toEqual([all[24]]);
      expect(one.hasMore).toBe(true);
      const big = await list({ limit: 100 });
      expect(big.data).toHaveLength(25);
      expect(big.hasMore).toBe(false);
    });
  });

  describe('list filters', () => {
    it('filters by status', async () => {
      const a = await env.store.runCreate(runParams());
      const b = await env.store.runCreate(runParams({ status: 'pending' }));
      const c = await env.store.runCreate(runParams());
      await env.store.runCancel({ id: c.id, projectId: PROJECT });
      expect(ids((await list({ status: 'queued' })).data)).toEqual([a.id]);
      expect(ids((await list({ status: 'pending' })).data)).toEqual([b.id]);
      expect(ids((await list({ status: 'cancelled' })).data)).toEqual([c.id]);
      expect((await list({ status: 'completed' })).data).toEqual([]);
    });

    it('filters by filename: case-insensitive substring, wildcards literal', async () => {
      const mk = (filename: string) => env.store.runCreate(runParams({ file: { id: 'file_1', filename, mime_type: 'application/pdf' } }));
      const inv = await mk('Invoice-2024.PDF');
      const inv2 = await mk('old_INVOICE.pdf');
      const under = await mk('a_b.pdf');
      const axb = await mk('axb.pdf');
      const pct = await mk('100%.pdf');
      await env.store.runCreate(runParams({ file: null }));
      expect(ids((await list({ filename: 'invoice', order: 'asc' })).data)).toEqual([inv.id, inv2.id]);
      expect(ids((await list({ filename: '.pdf', order: 'asc' })).data)).toEqual([inv.id, inv2.id, under.id, axb.id, pct.id]);
      expect(ids((await list({ filename: 'INVOICE-20', order: 'asc' })).data)).toEqual([inv.id]);
      expect(ids((await list({ filename: 'a_b' })).data)).toEqual([under.id]);
      expect(ids((await list({ filename: '%' })).data)).toEqual([pct.id]);
      expect((await list({ filename: 'nothing' })).data).toEqual([]);
    });

    it('filters by metadata: every pair must match', async () => {
      const a = await env.store.runCreate(runParams({ metadata: { customer: 'acme' } }));
      const b = await env.store.runCreate(runParams({ metadata: { customer: 'acme', tier: 'gold', 'a.b': 'x' } }));
      await env.store.runCreate(runParams({ metadata: { customer: 'other' } }));
      await env.store.runCreate(runParams({ metadata: null }));
      expect(ids((await list({ metadata: { customer: 'acme' }, order: 'asc' })).data)).toEqual([a.id, b.id]);
      expect(ids((await list({ metadata: { customer: 'acme', tier: 'gold' } })).data)).toEqual([b.id]);
      expect(ids((await list({ metadata: { 'a.b': 'x' } })).data)).toEqual([b.id]);
      expect((await list({ metadata: { customer: 'acme', tier: 'silver' } })).data).toEqual([]);
    });

    it('filters by templateId (params.template_id)', async () => {
      const t = await env.store.runCreate(runParams({ primitive: 'edit', params: { template_id: 'tpl_1', instructions: 'x' } }));
      await env.store.runCreate(runParams({ primitive: 'edit', params: { template_id: 'tpl_2' } }));
      await env.store.runCreate(runParams({ primitive: 'edit', params: {} }));
      expect(ids((await list({ primitive: 'edit', templateId: 'tpl_1' })).data)).toEqual([t.id]);
    });

    it('filters by fromDate (inclusive) and toDate (exclusive)', async () => {
      const early = [await env.store.runCreate(runParams()), await env.store.runCreate(runParams())];
      await clockPast(early[1].createdAt);
      const late = [await env.store.runCreate(runParams()), await env.store.runCreate(runParams())];
      const boundary = late[0].createdAt;
      expect(ids((await list({ fromDate: boundary, order: 'asc' })).data)).toEqual(ids(late));
      expect(ids((await list({ toDate: boundary, order: 'asc' })).data)).toEqual(ids(early));
      expect((await list({ fromDate: boundary, toDate: boundary })).data).toEqual([]);
      expect((await list({ fromDate: '2000-01-01T00:00:00Z' })).data).toHaveLength(4);
    });

    it('paginates within a filter, hasMore counting only matches', async () => {
      const match: string[] = [];
      for (let i = 0; i < 7; i++) {
        match.push((await env.store.runCreate(runParams({ metadata: { batch: 'x' } }))).id);
        await env.store.runCreate(runParams({ metadata: { batch: 'y' } }));
      }
      const p1 = await list({ metadata: { batch: 'x' }, limit: 4, order: 'asc' });
      expect(ids(p1.data)).toEqual(match.slice(0, 4));
      expect(p1.hasMore).toBe(true);
      const p2 = await list({ metadata: { batch: 'x' }, limit: 4, order: 'asc', after: match[3] });
      expect(ids(p2.data)).toEqual(match.slice(4));
      expect(p2.hasMore).toBe(false);
    });
  });
}
