// The Retab drop-in's positional signatures (@retab/node 1.0.149–1.0.156, notes/retab-api.md §8) for
// classifications, splits, partitions and edits against the real server — background create, poll get,
// Retab's cancel names — and edits.templates positional create(name, document, formFields)/update(id, name,
// formFields)/list/get/delete with camelCase aliases.
import path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { Retab } from '@docket/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, startTestServer, type TestServer } from '../support/test-server.ts';

const INVOICE = path.join(CORPUS, 'invoices/pdf/zf_103767-Invoice-2026-03-24-1.pdf');
const DOC123 = path.join(CORPUS, 'multidoc/concat_pdfjs_doc123.pdf');
const PACKET = path.join(CORPUS, 'multidoc/concat_mixed_7docs.pdf');
const FORM = path.join(CORPUS, 'forms/pdflib_sample_form.pdf');
const LIBRE_FORM = path.join(CORPUS, 'forms/samplefiles_libreoffice-form.pdf');
const TERMINAL = ['completed', 'failed', 'cancelled'];
const u = undefined;

let live: TestServer;
let idle: TestServer; // no workers: runs stay queued, so cancel is deterministic
let client: Retab;
let idleClient: Retab;
beforeAll(async () => {
  [live, idle] = await Promise.all([startTestServer({ concurrency: 2 }), startTestServer({ concurrency: 0 })]);
  client = new Retab({ apiKey: live.apiKey, baseUrl: live.baseURL });
  idleClient = new Retab({ apiKey: idle.apiKey, baseUrl: `${idle.baseURL}/v1` });
});
afterAll(async () => Promise.all([live?.close(), idle?.close()]));

async function until<T extends { status: string }>(get: () => Promise<T>): Promise<T> {
  for (;;) {
    const r = await get();
    if (TERMINAL.includes(r.status)) return r;
    await new Promise((res) => setTimeout(res, 50));
  }
}

describe('Retab positional creates', () => {
  it('classifications.create(document, categories, model, firstNPages, instructions, nConsensus, bustCache, background)', async () => {
    const cats = [{ name: 'invoice', description: 'A bill asking for payment' }, { name: 'receipt', description: 'Proof of payment' }];
    const run = await client.classifications.create(INVOICE, cats, 'retab-small', 1, u, 2, u, true);
    expect(run.id).toMatch(/^clss_/);
    expect(['pending', 'queued', 'in_progress']).toContain(run.status);
    const done = await until(() => client.classifications.get(run.id));
    expect(done.status, JSON.stringify(done.error)).toBe('completed');
    expect(done.firstNPages).toBe(1);
    expect(done.nConsensus).toBe(2);
    expect(done.output!.category).toBe('invoice');
    expect(done.consensus!.choices).toHaveLength(2);
  });

  it('splits.create(document, subdocuments, model, instructions, nConsensus, bustCache, background)', async () => {
    const subs = [{ name: 'document', description: 'A short document with numbered pages', allow_multiple_instances: true }];
    const run = await client.splits.create(DOC123, subs, u, u, u, u, true);
    expect(run.id).toMatch(/^splt_/);
    const done = await until(() => client.splits.get(run.id));
    expect(done.status, JSON.stringify(done.error)).toBe('completed');
    expect(done.output!.map((s) => s.pages)).toEqual([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    expect(done.createdAt).toBeInstanceOf(Date);
  });

  it('partitions.create(document, key, instructions, model, nConsensus, allowOverlap, bustCache, background)', async () => {
    const run = await client.partitions.create(PACKET, 'invoice number', 'One chunk per invoice', u, u, false, u, true);
    expect(run.id).toMatch(/^prtn_/);
    const done = await until(() => client.partitions.get(run.id));
    expect(done.status, JSON.stringify(done.error)).toBe('completed');
    expect(done.allowOverlap).toBe(false);
    expect(done.key).toBe('invoice number');
    // Without overlap every page is in exactly one chunk.
    expect(done.output!.flatMap((c) => c.pages).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('edits.create(instructions, document, templateId, model, config, bustCache, background)', async () => {
    const run = await client.edits.create('City: Lyon\nZip: 69001', FORM, u, u, { color: '#aa0000' }, u, true);
    expect(run.id).toMatch(/^edt_/);
    const done = await until(() => client.edits.get(run.id));
    expect(done.status, JSON.stringify(done.error)).toBe('completed');
    expect(done.config).toEqual({ color: '#aa0000' });
    const out = done.output as typeof done.output & { formData: { key: string; value: string | null }[]; filledDocument: { url: string } };
    expect(out.formData.find((f) => f.key === 'City')?.value).toBe('Lyon');
    const pdf = await PDFDocument.load(Buffer.from(out.filledDocument.url.split(',')[1], 'base64'));
    expect(pdf.getForm().getTextField('City').getText()).toBe('Lyon');
  });

  it("each resource's Retab cancel name cancels a queued run", async () => {
    const c = idleClient;
    const clss = await c.classifications.create(INVOICE, [{ name: 'invoice' }], u, u, u, u, u, true);
    expect((await c.classifications.create_classification_cancel(clss.id)).status).toBe('cancelled');
    const splt = await c.splits.create(DOC123, [{ name: 'document' }], u, u, u, u, true);
    expect((await c.splits.create_split_cancel(splt.id)).status).toBe('cancelled');
    const prtn = await c.partitions.create(PACKET, 'invoice number', 'x', u, u, u, u, true);
    expect((await c.partitions.create_partition_cancel(prtn.id)).status).toBe('cancelled');
    const edt = await c.edits.create('Name: Jane', FORM, u, u, u, u, true);
    const cancelled = await c.edits.create_edit_cancel(edt.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.cancelRequestedAt === null || cancelled.cancelRequestedAt instanceof Date).toBe(true);
    for (const id of [clss.id, splt.id, prtn.id, edt.id]) expect((await idle.docket.store.runGet({ id }))?.status).toBe('cancelled');
  });
});

describe('Retab edits.templates', () => {
  it('create(name, document, formFields?), get, list, update(id, name, formFields), fill by templateId, delete', async () => {
    const t = await client.edits.templates.create('retab-tpl', LIBRE_FORM);
    expect(t.id).toMatch(/^edittplt_/);
    expect(t.fieldCount).toBe(8);
    expect(t.formFields.map((f) => f.key)).toContain('First Name');
    expect(t.createdAt).toBeInstanceOf(Date);

    // Explicit formFields: only the fields given are kept.
    const only = t.formFields.filter((f) => f.key === 'First Name');
    const t2 = await client.edits.templates.create('retab-tpl 2', LIBRE_FORM, only);
    expect(t2.field_count).toBe(1);

    expect((await client.edits.templates.get(t.id)).name).toBe('retab-tpl');
    const page = await client.edits.templates.list({ name: 'retab-tpl', limit: 1 });
    expect(page.data).toHaveLength(1);
    expect(page.hasMore()).toBe(true);
    const names: string[] = [];
    for await (const x of page.autoPagingIter()) names.push(x.name);
    expect(names).toEqual(['retab-tpl 2', 'retab-tpl']);

    const renamed = await client.edits.templates.update(t.id, 'retab-tpl renamed');
    expect(renamed).toMatchObject({ name: 'retab-tpl renamed', field_count: 8 });
    const narrowed = await client.edits.templates.update(t.id, undefined, only);
    expect(narrowed).toMatchObject({ name: 'retab-tpl renamed', field_count: 1 });

    const filled = await client.edits.create('First name: Ada', u, t.id);
    expect(filled.status, JSON.stringify(filled.error)).toBe('completed');
    expect(filled.templateId).toBe(t.id);
    expect(filled.output!.form_data.find((f) => f.key === 'First Name')?.value).toBe('Ada');

    await client.edits.templates.delete(t.id);
    await client.edits.templates.delete(t2.id);
    await expect(client.edits.templates.get(t.id)).rejects.toMatchObject({ status: 404 });
  });
});
