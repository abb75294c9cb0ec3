// The HTTP contract on a real server (no workers, so runs stay queued): auth and project isolation,
// validation errors, resource shape, pagination, cancel and delete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.ts';

let srv: TestServer;
const pdf = { filename: 'tiny.pdf', url: 'data:application/pdf;base64,' + Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') };
const schema = { type: 'object', properties: { invoice_number: { type: 'string' }, total: { type: 'number' } } };

async function call(method: string, path: string, body?: unknown, key: string | null = srv.apiKey, headers: Record<string, string> = {}) {
  const res = await fetch(srv.baseURL + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(key ? { 'Api-Key': key } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

beforeAll(async () => {
  srv = await startTestServer({ concurrency: 0 });
});
afterAll(async () => srv?.close());

describe('auth', () => {
  it('401 without a key, with a bad key; Bearer works too', async () => {
    expect((await call('GET', '/v1/parses', undefined, null)).status).toBe(401);
    const bad = await call('GET', '/v1/parses', undefined, 'nope');
    expect(bad.status).toBe(401);
    expect(typeof bad.body.detail).toBe('string');
    const bearer = await call('GET', '/v1/parses', undefined, null, { authorization: `Bearer ${srv.apiKey}` });
    expect(bearer.status).toBe(200);
  });

  it("another project's run is 404 on get, cancel, delete and absent from its list", async () => {
    const created = await call('POST', '/v1/extractions', { document: pdf, json_schema: schema, background: true });
    expect(created.status).toBe(201);
    const other = await srv.createKey('other-project');
    const id = created.body.id;
    expect((await call('GET', `/v1/extractions/${id}`, undefined, other)).status).toBe(404);
    expect((await call('POST', `/v1/extractions/${id}/cancel`, undefined, other)).status).toBe(404);
    expect((await call('DELETE', `/v1/extractions/${id}`, undefined, other)).status).toBe(404);
    const list = await call('GET', '/v1/extractions?limit=100', undefined, other);
    expect(list.body.data.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await call('GET', `/v1/extractions/${id}`)).body.status).toBe('queued');
  });
});

describe('create', () => {
  it('background create answers 201 queued with every field and empty output', async () => {
    const r = await call('POST', '/v1/extractions', { document: pdf, json_schema: schema, background: true, metadata: { batch: 'b1' }, image_resolution_dpi: 192 });
    expect(r.status).toBe(201);
    expect(r.body.id).toMatch(/^extr_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(r.body).toMatchObject({ object: 'extraction', status: 'queued', output: {}, error: null, model: 'retab-small', json_schema: schema, n_consensus: 1, metadata: { batch: 'b1' } });
    expect(r.body.file).toMatchObject({ filename: 'tiny.pdf', mime_type: 'application/pdf' });
    for (const f of ['consensus', 'usage', 'created_at', 'updated_at', 'started_at', 'completed_at', 'progress', 'attempts', 'cancel_requested_at']) expect(r.body).toHaveProperty(f);
    const noOut = await call('GET', `/v1/extractions/${r.body.id}?include_output=false`);
    expect(noOut.body).not.toHaveProperty('output');
    expect(noOut.body.status).toBe('queued');
  });

  it.each([
    ['parses', 'prs_', { pages: [], text: '' }, {}],
    ['classifications', 'clss_', { reasoning: '', category: '' }, { categories: [{ name: 'invoice' }] }],
    ['splits', 'splt_', [], { subdocuments: [{ name: 'invoice' }] }],
    ['partitions', 'prtn_', [], { key: 'invoice number', instructions: 'one chunk per invoice' }],
    ['edits', 'edt_', { form_data: [], filled_document: null }, { instructions: 'Name: Jane Roe' }],
  ])('%s: background create → %s id and empty output shape', async (resource, prefix, empty, extra) => {
    const r = await call('POST', `/v1/${resource}`, { document: pdf, background: true, ...extra });
    expect(r.status).toBe(201);
    expect(r.body.id.startsWith(prefix)).toBe(true);
    expect(r.body.output).toEqual(empty);
    expect((await call('GET', `/v1/${resource}/${r.body.id}`)).body.id).toBe(r.body.id);
  });

  it('stream with background → 400', async () => {
    const r = await call('POST', '/v1/extractions', { document: pdf, json_schema: schema, stream: true, background: true });
    expect(r.status).toBe(400);
    expect(r.body.detail).toMatch(/stream and background/);
  });

  it('validation errors are 422 with the failing field', async () => {
    const missing = await call('POST', '/v1/extractions', { document: { url: pdf.url }, json_schema: schema });
    expect(missing.status).toBe(422);
    expect(missing.body.detail).toContainEqual({ loc: ['body', 'document', 'filename'], msg: 'Field required', type: 'missing' });
    const noSchema = await call('POST', '/v1/extractions', { document: pdf });
    expect(noSchema.body.detail[0].loc).toEqual(['body', 'json_schema']);
    const badFmt = await call('POST', '/v1/parses', { document: pdf, table_parsing_format: 'xml' });
    expect(badFmt.status).toBe(422);
    expect(badFmt.body.detail[0].loc).toEqual(['body', 'table_parsing_format']);
  });

  it('a data: URL that is not base64 → 422 on document.url', async () => {
    const r = await call('POST', '/v1/parses', { document: { filename: 'x.pdf', url: 'data:application/pdf;base64,@@not base64!!' } });
    expect(r.status).toBe(422);
    expect(r.body.detail[0].loc).toEqual(['body', 'document', 'url']);
  });

  it('an unknown model → 400 naming the models', async () => {
    const r = await call('POST', '/v1/parses', { document: pdf, model: 'gpt-17-mega' });
    expect(r.status).toBe(400);
    expect(r.body.detail).toMatch(/gpt-17-mega/);
    expect(r.body.detail).toMatch(/retab-small/);
  });

  it('an invalid json_schema → 422 on json_schema', async () => {
    const r = await call('POST', '/v1/extractions', { document: pdf, json_schema: { type: 'object', properties: { a: { type: 'strin' } } } });
    expect(r.status).toBe(422);
    expect(r.body.detail[0].loc).toEqual(['body', 'json_schema']);
    const notObject = await call('POST', '/v1/extractions', { document: pdf, json_schema: { type: 'string' } });
    expect(notObject.status).toBe(422);
  });

  it('edits need exactly one of document and template_id', async () => {
    expect((await call('POST', '/v1/edits', { instructions: 'x' })).status).toBe(400);
    expect((await call('POST', '/v1/edits', { instructions: 'x', document: pdf, template_id: 'tpl_1' })).status).toBe(400);
  });

  it('body over the limit → 413', async () => {
    const small = await startTestServer({ concurrency: 0, config: { bodyLimitBytes: 1024 } });
    try {
      const res = await fetch(small.baseURL + '/v1/parses', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'api-key': small.apiKey },
        body: JSON.stringify({ document: { filename: 'a.txt', url: 'data:text/plain;base64,' + Buffer.alloc(4096, 65).toString('base64') } }),
      });
      expect(res.status).toBe(413);
      expect((await res.json()).detail).toMatch(/too large/);
    } finally {
      await small.close();
    }
  });
});

describe('list pagination', () => {
  it('walks 25 runs in pages of 10 forward and back, both orders', async () => {
    const key = await srv.createKey('paging');
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await call('POST', '/v1/parses', { document: pdf, background: true }, key)).body.id);
    for (const order of ['desc', 'asc'] as const) {
      const expected = order === 'desc' ? [...ids].reverse() : ids;
      const pages: string[][] = [];
      let after: string | null = null;
      do {
        const r = await call('GET', `/v1/parses?limit=10&order=${order}${after ? `&after=${after}` : ''}`, undefined, key);
        pages.push(r.body.data.map((x: { id: string }) => x.id));
        after = r.body.list_metadata.after;
      } while (after);
      expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
      expect(pages.flat()).toEqual(expected);
      // And back from the last page with `before`.
      let before: string | null = pages[2][0];
      const back: string[][] = [];
      while (before) {
        const r = await call('GET', `/v1/parses?limit=10&order=${order}&before=${before}`, undefined, key);
        back.push(r.body.data.map((x: { id: string }) => x.id));
        before = r.body.list_metadata.before;
      }
      expect(back).toEqual([pages[1], pages[0]]);
    }
  });

  it('bad cursor → 422; limit out of range → 422; both cursors → 400', async () => {
    expect((await call('GET', '/v1/parses?after=prs_nope')).status).toBe(422);
    expect((await call('GET', '/v1/parses?limit=101')).status).toBe(422);
    expect((await call('GET', '/v1/parses?limit=0')).status).toBe(422);
    expect((await call('GET', '/v1/parses?after=a&before=b')).status).toBe(400);
  });

  it('filters by status, filename and metadata', async () => {
    const key = await srv.createKey('filters');
    const a = await call('POST', '/v1/extractions', { document: { ...pdf, filename: 'Alpha.pdf' }, json_schema: schema, background: true, metadata: { batch: 'x' } }, key);
    await call('POST', '/v1/extractions', { document: { ...pdf, filename: 'beta.pdf' }, json_schema: schema, background: true, metadata: { batch: 'y' } }, key);
    const byName = await call('GET', '/v1/extractions?filename=alpha', undefined, key);
    expect(byName.body.data.map((r: { id: string }) => r.id)).toEqual([a.body.id]);
    const byMeta = await call('GET', `/v1/extractions?metadata=${encodeURIComponent('{"batch":"x"}')}`, undefined, key);
    expect(byMeta.body.data.map((r: { id: string }) => r.id)).toEqual([a.body.id]);
    await call('POST', `/v1/extractions/${a.body.id}/cancel`, undefined, key);
    const cancelled = await call('GET', '/v1/extractions?status=cancelled', undefined, key);
    expect(cancelled.body.data.map((r: { id: string }) => r.id)).toEqual([a.body.id]);
    expect((await call('GET', '/v1/extractions?from_date=2020-13-45', undefined, key)).status).toBe(400);
  });
});

describe('cancel and delete', () => {
  it('cancel of a queued run ends cancelled; a second cancel returns the same resource', async () => {
    const r = await call('POST', '/v1/parses', { document: pdf, background: true });
    const c1 = await call('POST', `/v1/parses/${r.body.id}/cancel`);
    expect(c1.status).toBe(200);
    expect(c1.body.status).toBe('cancelled');
    const c2 = await call('POST', `/v1/parses/${r.body.id}/cancel`);
    expect(c2.body).toEqual(c1.body);
  });

  it('delete → 204, then 404', async () => {
    const r = await call('POST', '/v1/parses', { document: pdf, background: true });
    expect((await call('DELETE', `/v1/parses/${r.body.id}`)).status).toBe(204);
    expect((await call('GET', `/v1/parses/${r.body.id}`)).status).toBe(404);
  });

  it('an id of another primitive is 404 on this resource', async () => {
    const r = await call('POST', '/v1/parses', { document: pdf, background: true });
    expect((await call('GET', `/v1/extractions/${r.body.id}`)).status).toBe(404);
  });
});

describe('health', () => {
  it('healthz and readyz answer without a key', async () => {
    expect((await call('GET', '/healthz', undefined, null)).status).toBe(200);
    expect((await call('GET', '/readyz', undefined, null)).body.status).toBe('ready');
  });
});

describe('Idempotency-Key', () => {
  it('same key and body → the same run; same key, other body → 409; keys are per project', async () => {
    const body = { document: pdf, json_schema: schema, background: true };
    const a = await call('POST', '/v1/extractions', body, srv.apiKey, { 'idempotency-key': 'k-1' });
    const b = await call('POST', '/v1/extractions', body, srv.apiKey, { 'idempotency-key': 'k-1' });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    const c = await call('POST', '/v1/extractions', { ...body, metadata: { x: 'y' } }, srv.apiKey, { 'idempotency-key': 'k-1' });
    expect(c.status).toBe(409);
    const other = await srv.createKey('idem-other');
    const d = await call('POST', '/v1/extractions', body, other, { 'idempotency-key': 'k-1' });
    expect(d.status).toBe(201);
    expect(d.body.id).not.toBe(a.body.id);
    const e = await call('POST', '/v1/extractions', body);
    expect(e.body.id).not.toBe(a.body.id);
  });

  it('concurrent creates with one key make one run', async () => {
    const body = { document: pdf, json_schema: schema, background: true };
    const results = await Promise.all(Array.from({ length: 8 }, () => call('POST', '/v1/extractions', body, srv.apiKey, { 'idempotency-key': 'k-race' })));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
  });
});

describe('hostile bodies', () => {
  it('a body nested thousands of levels deep → 422, not a 500', async () => {
    // Written as text: JSON.stringify itself cannot encode a value this deep.
    const deep = '{"a":'.repeat(5000) + '"x"' + '}'.repeat(5000);
    const raw = `{"document":${JSON.stringify(pdf)},"background":true,"json_schema":{"type":"object","properties":{"x":${deep}}}}`;
    const res = await fetch(srv.baseURL + '/v1/extractions', { method: 'POST', headers: { 'content-type': 'application/json', 'api-key': srv.apiKey }, body: raw });
    expect(res.status).toBe(422);
    expect((await res.json()).detail).toMatch(/nested/);
  });

  it('metadata is validated alike on every resource (a map of strings)', async () => {
    expect((await call('POST', '/v1/parses', { document: pdf, background: true, metadata: 'str' })).status).toBe(422);
    expect((await call('POST', '/v1/parses', { document: pdf, background: true, metadata: { a: { b: 'c' } } })).status).toBe(422);
    const ok = await call('POST', '/v1/parses', { document: pdf, background: true, metadata: { batch: 'b1' } });
    expect(ok.status).toBe(201);
    expect(ok.body.metadata).toEqual({ batch: 'b1' });
  });
});
