// @docket/sdk against the real in-process server for the four newer primitives and the rest of the surface:
// createAndPoll of classify, split, partition and edit on corpus documents (typed outputs and consensus
// shapes), edits.templates CRUD with auto-paging list and use by template_id, and models.list().
import path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { Docket, NotFoundError, UnprocessableEntityError, type Classification, type Edit, type EditTemplate, type Partition, type Split } from '@docket/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, startTestServer, type TestServer } from '../support/test-server.ts';

const INVOICE = path.join(CORPUS, 'invoices/pdf/zf_103767-Invoice-2026-03-24-1.pdf');
const DOC123 = path.join(CORPUS, 'multidoc/concat_pdfjs_doc123.pdf');
const PACKET = path.join(CORPUS, 'multidoc/concat_mixed_7docs.pdf');
const FORM = path.join(CORPUS, 'forms/pdflib_sample_form.pdf');
const LIBRE_FORM = path.join(CORPUS, 'forms/samplefiles_libreoffice-form.pdf');
const poll = { pollIntervalMs: 50, timeoutMs: 120_000 };

let srv: TestServer;
let client: Docket;
beforeAll(async () => {
  srv = await startTestServer({ concurrency: 2 });
  client = new Docket({ apiKey: srv.apiKey, baseURL: srv.baseURL });
});
afterAll(async () => srv?.close());

const pdfOf = (run: Edit) => PDFDocument.load(Buffer.from(run.output!.filled_document!.url.split(',')[1], 'base64'));
const pagesOf = (chunks: { pages: number[] }[]) => chunks.flatMap((c) => c.pages).sort((a, b) => a - b);

describe('createAndPoll of the newer primitives', () => {
  it('classifies a corpus invoice as an invoice; n_consensus 3 records three votes', async () => {
    const categories = [
      { name: 'invoice', description: 'A bill asking for payment, with an invoice number' },
      { name: 'receipt', description: 'Proof of a payment already made' },
      { name: 'other', description: 'Anything else' },
    ];
    const run: Classification = await client.classifications.createAndPoll({ document: INVOICE, categories, n_consensus: 3 }, poll);
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    expect(run.id).toMatch(/^clss_/);
    expect(run.categories.map((c) => c.name)).toEqual(['invoice', 'receipt', 'other']);
    expect(run.n_consensus).toBe(3);
    expect(run.output!.category).toBe('invoice');
    expect(run.output!.reasoning.length).toBeGreaterThan(0);
    expect(run.consensus!.choices).toHaveLength(3);
    expect(typeof run.consensus!.likelihoods).toBe('number');
    expect(run.consensus!.likelihoods).toBeGreaterThan(0);
    expect(run.consensus!.likelihoods).toBeLessThanOrEqual(1);
  });

  it('splits concat_pdfjs_doc123.pdf into its three documents, every page exactly once', async () => {
    const run: Split = await client.splits.createAndPoll(
      { document: DOC123, subdocuments: [{ name: 'document', description: 'A short document with numbered pages', allow_multiple_instances: true }] },
      poll,
    );
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    expect(run.id).toMatch(/^splt_/);
    expect(pagesOf(run.output!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(run.output!.map((s) => s.pages)).toEqual([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    expect(run.output!.every((s) => s.name === 'document')).toBe(true);
    // consensus.likelihoods is aligned with output: a name confidence and one number per page.
    expect(run.consensus!.likelihoods.map((l) => l.pages.length)).toEqual([3, 3, 3]);
    for (const l of run.consensus!.likelihoods) expect(l.name === null || typeof l.name === 'number').toBe(true);
  });

  it('partitions the mixed packet by invoice number: every page in a chunk, the 2-page invoice whole', async () => {
    const run: Partition = await client.partitions.createAndPoll(
      { document: PACKET, key: 'invoice number', instructions: 'One chunk per invoice, receipt or credit note' },
      poll,
    );
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    expect(run.id).toMatch(/^prtn_/);
    expect(run.allow_overlap).toBe(true);
    expect([...new Set(pagesOf(run.output!))]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const hosting = run.output!.find((c) => c.pages.includes(3))!;
    expect(hosting.pages).toEqual(expect.arrayContaining([3, 4]));
    expect(hosting.key).toContain('30064443');
    expect(run.consensus!.likelihoods).toHaveLength(run.output!.length);
  });

  it('fills a corpus form: form_data carries the values and the filled PDF opens with them', async () => {
    const run: Edit = await client.edits.createAndPoll({ document: FORM, instructions: 'Name: Jane Roe\nCity: Paris\nPhD: yes', config: { color: '#003366' } }, poll);
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    expect(run.id).toMatch(/^edt_/);
    expect(run.config).toEqual({ color: '#003366' });
    expect(run.template_id).toBeNull();
    const byKey = new Map(run.output!.form_data.map((f) => [f.key, f]));
    expect(byKey.get('City')).toMatchObject({ type: 'text', value: 'Paris' });
    expect(byKey.get('City')!.bbox.page).toBe(1);
    const form = (await pdfOf(run)).getForm();
    expect(form.getTextField('City').getText()).toBe('Paris');
    expect(form.getTextField('Name_Last').getText()).toBe('Roe');
    expect(form.getCheckBox('PHD').isChecked()).toBe(true);
  });
});

describe('edits.templates', () => {
  it('create, get, list (auto-paging, name filter), update, fill by template_id, delete', async () => {
    const created: EditTemplate[] = [];
    for (const name of ['sdk-tpl A', 'sdk-tpl B', 'sdk-tpl C']) created.push(await client.edits.templates.create({ name, document: LIBRE_FORM }));
    const [a] = created;
    expect(a).toMatchObject({ object: 'edit_template', name: 'sdk-tpl A', field_count: 8, file: { filename: 'samplefiles_libreoffice-form.pdf' } });
    expect(a.id).toMatch(/^edittplt_/);
    expect(a.form_fields.map((f) => f.key)).toContain('Nationality');
    expect(await client.edits.templates.get(a.id)).toEqual(a);

    const first = await client.edits.templates.list({ limit: 2, name: 'sdk-tpl' });
    expect(first.data).toHaveLength(2);
    expect(first.hasNextPage()).toBe(true);
    const all: string[] = [];
    for await (const t of client.edits.templates.list({ limit: 2, name: 'sdk-tpl' })) all.push(t.name);
    expect(all).toEqual(['sdk-tpl C', 'sdk-tpl B', 'sdk-tpl A']);

    const renamed = await client.edits.templates.update(a.id, { name: 'sdk-tpl A2' });
    expect(renamed.name).toBe('sdk-tpl A2');
    expect(renamed.field_count).toBe(8);

    const run = await client.edits.createAndPoll({ template_id: a.id, instructions: 'First name: Jane\nNationality: German' }, poll);
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    expect(run.template_id).toBe(a.id);
    expect(run.output!.form_data.find((f) => f.key === 'First Name')?.value).toBe('Jane');
    const form = (await pdfOf(run)).getForm();
    expect(form.getTextField('First Name').getText()).toBe('Jane');
    expect(form.getDropdown('Nationality').getSelected()).toEqual(['German']);

    for (const t of created) await client.edits.templates.delete(t.id);
    await expect(client.edits.templates.get(a.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await client.edits.templates.list({ name: 'sdk-tpl' })).data).toEqual([]);
  });

  it('a PDF without a form is a 422 naming the code', async () => {
    const err = await client.edits.templates
      .create({ name: 'no form', document: path.join(CORPUS, 'forms/pypdf_SF424_page2_noacroform.pdf') })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnprocessableEntityError);
  });
});

describe('models.list', () => {
  it('lists the built-in models with exactly one default', async () => {
    const list = await client.models.list();
    expect(list.object).toBe('list');
    const ids = list.data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['retab-small']));
    expect(list.data.filter((m) => m.default)).toHaveLength(1);
    for (const m of list.data) expect(m).toMatchObject({ object: 'model', provider: expect.stringMatching(/^(local|openai)$/) });
  });
});
