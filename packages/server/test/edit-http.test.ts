// Edits and edit templates through the HTTP API of a real server: a sync edit completes with form_data and
// a filled PDF; a form-less PDF fails no_form_fields; templates CRUD, list paging and name filter, use by
// template_id, and isolation between projects.
import path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, mimeData, startTestServer, type TestServer } from './support/test-server.ts';

const FORMS = path.join(CORPUS, 'forms');
let server: TestServer;
let otherKey: string;

async function api(method: string, url: string, body?: unknown, key = server.apiKey): Promise<{ status: number; body: any }> {
  const res = await fetch(server.baseURL + url, {
    method,
    headers: { 'Api-Key': key, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const pdfOf = (run: any) => PDFDocument.load(Buffer.from(run.output.filled_document.url.split(',')[1], 'base64'));

beforeAll(async () => {
  server = await startTestServer();
  otherKey = await server.createKey('other-project');
});
afterAll(async () => {
  await server?.close();
});

describe('edits over HTTP', () => {
  it('a sync edit completes with form_data and a filled PDF', async () => {
    const document = await mimeData(path.join(FORMS, 'pdflib_sample_form.pdf'));
    const res = await api('POST', '/v1/edits', { document, instructions: 'Name: Jane Roe\nCity: Łódź\nPhD: yes', config: { color: '#003366' } });
    expect(res.status).toBe(201);
    const run = res.body;
    expect(run).toMatchObject({ object: 'edit', status: 'completed', error: null, template_id: null, config: { color: '#003366' } });
    expect(run.id).toMatch(/^edt_/);
    const fields = new Map<string, any>(run.output.form_data.map((f: any) => [f.key, f]));
    expect(fields.size).toBe(29);
    expect(fields.get('Name_First')).toMatchObject({ type: 'text', value: 'Jane', description: 'FIRST', bbox: { page: 1 } });
    expect(fields.get('City').value).toBe('Łódź');
    expect(fields.get('PHD')).toMatchObject({ type: 'checkbox', value: 'true' });
    expect(run.output.filled_document.filename).toBe('pdflib_sample_form_filled.pdf');
    const form = (await pdfOf(run)).getForm();
    expect(form.getTextField('Name_Last').getText()).toBe('Roe');
    expect(form.getTextField('City').getText()).toBe('Łódź');
    expect(form.getCheckBox('PHD').isChecked()).toBe(true);
    expect(run.usage.page_count ?? 1).toBeGreaterThanOrEqual(1);
  });

  it('a PDF without form fields ends failed no_form_fields', async () => {
    const document = await mimeData(path.join(FORMS, 'pypdf_SF424_page2_noacroform.pdf'));
    const res = await api('POST', '/v1/edits', { document, instructions: 'Name: Jane' });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('failed');
    expect(res.body.error.code).toBe('no_form_fields');
  });

  it('document and template_id together are a 400; an unknown template a 404', async () => {
    const document = await mimeData(path.join(FORMS, 'pypdf_form.pdf'));
    expect((await api('POST', '/v1/edits', { document, template_id: 'edittplt_x', instructions: 'x' })).status).toBe(400);
    expect((await api('POST', '/v1/edits', { template_id: 'edittplt_01ZZZZZZZZZZZZZZZZZZZZZZZZ', instructions: 'x' })).status).toBe(404);
  });
});

describe('edit templates over HTTP', () => {
  it('create, get, list, patch, use by template_id, delete; other projects see none of it', async () => {
    const document = await mimeData(path.join(FORMS, 'samplefiles_libreoffice-form.pdf'));
    const created = await api('POST', '/v1/edits/templates', { name: 'LibreOffice form', document });
    expect(created.status).toBe(201);
    const t = created.body;
    expect(t).toMatchObject({ object: 'edit_template', name: 'LibreOffice form', field_count: 8, file: { filename: 'samplefiles_libreoffice-form.pdf', mime_type: 'application/pdf' } });
    expect(t.id).toMatch(/^edittplt_[0-9A-Z]{26}$/);
    expect(t.form_fields.map((f: any) => f.key)).toContain('Nationality');
    expect(t.form_fields.find((f: any) => f.key === 'gdpr')).toMatchObject({ type: 'checkbox', description: 'Agree to privacy policy' });

    const second = await api('POST', '/v1/edits/templates', {
      name: 'Tiny form', document: await mimeData(path.join(FORMS, 'pypdf_form.pdf')),
      form_fields: [{ key: 'foo', description: 'Favourite colour', type: 'text', value: null, bbox: { left: 0.1, top: 0.1, width: 0.2, height: 0.02, page: 1 } }],
    });
    expect(second.status).toBe(201);
    expect(second.body.field_count).toBe(1);

    expect((await api('GET', `/v1/edits/templates/${t.id}`)).body).toEqual(t);
    const page1 = await api('GET', '/v1/edits/templates?limit=1');
    expect(page1.body.data.map((x: any) => x.id)).toEqual([second.body.id]);
    expect(page1.body.list_metadata.after).toBe(second.body.id);
    const page2 = await api('GET', `/v1/edits/templates?limit=1&after=${page1.body.list_metadata.after}`);
    expect(page2.body.data.map((x: any) => x.id)).toEqual([t.id]);
    expect(page2.body.list_metadata.after).toBeNull();
    expect((await api('GET', '/v1/edits/templates?name=libreoffice')).body.data.map((x: any) => x.id)).toEqual([t.id]);

    const patched = await api('PATCH', `/v1/edits/templates/${t.id}`, { name: 'Registration' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: t.id, name: 'Registration', field_count: 8 });

    const run = await api('POST', '/v1/edits', { template_id: t.id, instructions: 'First name: Łukasz\nLast name: Żółć\nNationality: German\nI agree to the privacy policy' });
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ status: 'completed', template_id: t.id, file: t.file });
    const form = (await pdfOf(run.body)).getForm();
    expect(form.getTextField('First Name').getText()).toBe('Łukasz');
    expect(form.getTextField('Last Name').getText()).toBe('Żółć');
    expect(form.getDropdown('Nationality').getSelected()).toEqual(['German']);
    expect(form.getCheckBox('gdpr').isChecked()).toBe(true);

    // A description given in the template's form_fields is used for matching.
    const viaDescription = await api('POST', '/v1/edits', { template_id: second.body.id, instructions: 'Favourite colour: teal' });
    expect(viaDescription.body.status).toBe('completed');
    expect(viaDescription.body.output.form_data[0]).toMatchObject({ key: 'foo', description: 'Favourite colour', value: 'teal' });

    // Another project sees nothing.
    expect((await api('GET', `/v1/edits/templates/${t.id}`, undefined, otherKey)).status).toBe(404);
    expect((await api('GET', '/v1/edits/templates', undefined, otherKey)).body.data).toEqual([]);
    expect((await api('PATCH', `/v1/edits/templates/${t.id}`, { name: 'x' }, otherKey)).status).toBe(404);
    expect((await api('DELETE', `/v1/edits/templates/${t.id}`, undefined, otherKey)).status).toBe(404);
    expect((await api('POST', '/v1/edits', { template_id: t.id, instructions: 'x' }, otherKey)).status).toBe(404);

    expect((await api('DELETE', `/v1/edits/templates/${t.id}`)).status).toBe(204);
    expect((await api('GET', `/v1/edits/templates/${t.id}`)).status).toBe(404);
    expect((await api('POST', '/v1/edits', { template_id: t.id, instructions: 'x' })).status).toBe(404);
  });

  it('a template needs a PDF with form fields (or form_fields given)', async () => {
    const noForm = await api('POST', '/v1/edits/templates', { name: 'n', document: await mimeData(path.join(FORMS, 'pypdf_SF424_page2_noacroform.pdf')) });
    expect(noForm.status).toBe(422);
    const notPdf = await api('POST', '/v1/edits/templates', { name: 'n', document: { filename: 'a.txt', url: 'data:text/plain;base64,aGVsbG8=' } });
    expect(notPdf.status).toBe(422);
    expect((await api('POST', '/v1/edits/templates', { document: await mimeData(path.join(FORMS, 'pypdf_form.pdf')) })).status).toBe(422);
  });
});
