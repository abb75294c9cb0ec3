// @docket/sdk against the real in-process server: createAndPoll, sync create, streaming, list
// auto-paging, typed errors, cancel (incl. abort → server-side cancel) and delete.
import path from 'node:path';
import {
  APIUserAbortError,
  AuthenticationError,
  Docket,
  NotFoundError,
  PollTimeoutError,
  UnprocessableEntityError,
  type Extraction,
  type Parse,
} from '@docket/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, startTestServer, type TestServer } from '../support/test-server.ts';

const INVOICE = path.join(CORPUS, 'invoices/pdf/i2d_oyo.pdf');
const schema = {
  type: 'object',
  properties: { invoice_number: { type: 'string' }, total: { type: 'number' }, date: { type: 'string' } },
};

let live: TestServer; // workers running
let idle: TestServer; // no workers: runs stay queued, so cancel is deterministic
let client: Docket;

beforeAll(async () => {
  [live, idle] = await Promise.all([startTestServer({ concurrency: 2 }), startTestServer({ concurrency: 0 })]);
  client = new Docket({ apiKey: live.apiKey, baseURL: live.baseURL });
});
afterAll(async () => {
  await Promise.all([live?.close(), idle?.close()]);
});

describe('createAndPoll', () => {
  it('parses a corpus invoice to a completed run with its pages', async () => {
    const seen: string[] = [];
    const parse: Parse = await client.parses.createAndPoll(
      { document: INVOICE, table_parsing_format: 'markdown' },
      { pollIntervalMs: 100, timeoutMs: 30_000, onProgress: (r) => seen.push(r.status) },
    );
    expect(parse.status).toBe('completed');
    expect(parse.id).toMatch(/^prs_/);
    expect(parse.file).toMatchObject({ filename: 'i2d_oyo.pdf', mime_type: 'application/pdf' });
    expect(parse.table_parsing_format).toBe('markdown');
    expect(parse.output!.pages.length).toBeGreaterThanOrEqual(1);
    expect(parse.output!.text).toContain('IBZY2087');
    expect(seen[0]).toMatch(/^(pending|queued|in_progress|completed)$/);
    expect(seen.at(-1)).toBe('completed');
  });

  it('extracts a corpus invoice against a JSON schema', async () => {
    const ex: Extraction = await client.extractions.createAndPoll(
      { document: INVOICE, json_schema: schema, metadata: { suite: 'sdk' } },
      { pollIntervalMs: 100, timeoutMs: 30_000 },
    );
    expect(ex.status).toBe('completed');
    expect(ex.error).toBeNull();
    expect(ex.json_schema).toEqual(schema);
    expect(ex.metadata).toEqual({ suite: 'sdk' });
    expect(ex.output).toHaveProperty('invoice_number');
    expect(ex.completed_at).toBeTruthy();
  });

  it('returns the failed run (not_implemented) for primitives without an engine, or its output once one exists', async () => {
    const cls = await client.classifications.createAndPoll(
      { document: INVOICE, categories: [{ name: 'invoice' }, { name: 'receipt' }] },
      { pollIntervalMs: 100, timeoutMs: 30_000 },
    );
    if (cls.status === 'failed') expect(cls.error?.code).toBe('not_implemented');
    else expect(cls.status).toBe('completed');
  });

  it('timeoutMs gives up with PollTimeoutError while the run stays queued', async () => {
    const c = new Docket({ apiKey: idle.apiKey, baseURL: idle.baseURL });
    const err = await c.parses.createAndPoll({ document: INVOICE }, { pollIntervalMs: 50, timeoutMs: 300 }).catch((e) => e);
    expect(err).toBeInstanceOf(PollTimeoutError);
    const lastSeen = err.lastSeen as Parse;
    expect((await c.parses.get(lastSeen.id)).status).toBe('queued');
  });

  it('aborting the signal cancels the run server-side and throws APIUserAbortError', async () => {
    const c = new Docket({ apiKey: idle.apiKey, baseURL: idle.baseURL });
    const ctl = new AbortController();
    let id = '';
    const p = c.parses.createAndPoll({ document: INVOICE }, {
      pollIntervalMs: 50,
      signal: ctl.signal,
      onProgress: (r) => {
        id = r.id;
        ctl.abort();
      },
    });
    await expect(p).rejects.toBeInstanceOf(APIUserAbortError);
    expect((await c.parses.get(id)).status).toBe('cancelled');
  });
});

describe('sync create and stream', () => {
  it('sync create answers with the terminal extraction', async () => {
    const ex = await client.extractions.create({ document: INVOICE, json_schema: schema });
    expect(ex.status).toBe('completed');
  });

  it('stream yields NDJSON objects and finalResource() is the completed extraction', async () => {
    const stream = client.extractions.stream({ document: INVOICE, json_schema: schema });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThanOrEqual(1);
    const final = await stream.finalResource();
    expect(final).toBe(chunks.at(-1));
    expect(final.status).toBe('completed');
    expect(final.id).toMatch(/^extr_/);
    expect(chunks.every((c) => c.id === final.id)).toBe(true);
  });
});

describe('list auto-paging', () => {
  it('iterates 25 runs across pages with after cursors', async () => {
    const key = await idle.createKey('paging-project');
    const c = new Docket({ apiKey: key, baseURL: idle.baseURL });
    const doc = { filename: 'p.pdf', url: 'https://example.invalid/p.pdf' };
    const created: string[] = [];
    for (let i = 0; i < 25; i++) created.push((await c.parses.create({ document: doc, background: true })).id);

    const first = await c.parses.list({ limit: 10 });
    expect(first.data).toHaveLength(10);
    expect(first.hasNextPage()).toBe(true);
    const second = await first.getNextPage();
    const third = await second.getNextPage();
    expect(third.data).toHaveLength(5);
    expect(third.hasNextPage()).toBe(false);
    expect(third.list_metadata.after).toBeNull();

    const all: string[] = [];
    for await (const run of c.parses.list({ limit: 10 })) all.push(run.id);
    expect(all).toEqual([...created].reverse()); // default order desc

    const asc: string[] = [];
    for await (const run of await c.parses.list({ limit: 7, order: 'asc' })) asc.push(run.id);
    expect(asc).toEqual(created);
  });
});

describe('typed errors', () => {
  it('404 NotFoundError for an unknown id, with request id', async () => {
    const err = await client.extractions.get('extr_01HZZZZZZZZZZZZZZZZZZZZZZZ').catch((e) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.status).toBe(404);
    expect(typeof err.detail).toBe('string');
    expect(err.requestId).toBeTruthy();
  });

  it('401 AuthenticationError for a bad key', async () => {
    const bad = new Docket({ apiKey: 'not-a-key', baseURL: live.baseURL });
    const err = await bad.parses.list().catch((e) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err.status).toBe(401);
  });

  it('422 UnprocessableEntityError for a bad body, detail is the validation list', async () => {
    const err = await client.extractions
      .create({ document: { filename: 'a.pdf', url: 'https://example.invalid/a.pdf' } } as never)
      .catch((e) => e);
    expect(err).toBeInstanceOf(UnprocessableEntityError);
    expect(err.detail).toEqual(expect.arrayContaining([expect.objectContaining({ loc: ['body', 'json_schema'] })]));
  });
});

describe('cancel and delete', () => {
  it('cancels a queued run; cancel is idempotent; delete removes it', async () => {
    const c = new Docket({ apiKey: idle.apiKey, baseURL: idle.baseURL });
    const run = await c.extractions.create({ document: INVOICE, json_schema: schema, background: true });
    expect(run.status).toMatch(/^(pending|queued)$/);
    const cancelled = await c.extractions.cancel(run.id);
    expect(cancelled.status).toBe('cancelled');
    const again = await c.extractions.cancel(run.id);
    expect(again).toEqual(cancelled);
    await c.extractions.delete(run.id);
    await expect(c.extractions.get(run.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('cancelling a completed run returns it unchanged', async () => {
    const done = await client.parses.createAndPoll({ document: INVOICE }, { pollIntervalMs: 100, timeoutMs: 30_000 });
    const after = await client.parses.cancel(done.id);
    expect(after.status).toBe('completed');
    expect(after.completed_at).toBe(done.completed_at);
  });
});
