// Durability and cancel on a real server with real documents: restart, cancel of queued and running
// runs, recovery of an expired lease, failure codes, sync and streamed creates.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, mimeData, startTestServer, type TestServer } from './support/test-server.ts';

const TERMINAL = ['completed', 'failed', 'cancelled'];
const invoice = path.join(CORPUS, 'invoices/pdf/i2d_AmazonWebServices.pdf');
const bigPdf = path.join(CORPUS, 'tricky_pdfs/synth_1200_pages.pdf');

function client(srv: TestServer) {
  return async (method: string, p: string, body?: unknown) => {
    const res = await fetch(srv.baseURL + p, {
      method,
      headers: { 'api-key': srv.apiKey, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, text };
  };
}

/** Poll until `until` holds (or a terminal status), returning the last resource. */
async function pollUntil(call: ReturnType<typeof client>, p: string, until: (r: any) => boolean, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const r = (await call('GET', p)).body;
    if (until(r) || TERMINAL.includes(r.status) || Date.now() > end) return r;
    await new Promise((res) => setTimeout(res, 50));
  }
}

describe('a background run survives a restart', () => {
  it('created, server stopped before it ran, restarted, completes', async () => {
    const first = await startTestServer({ concurrency: 0 }); // no workers: the run cannot start
    const call1 = client(first);
    const created = await call1('POST', '/v1/parses', { document: await mimeData(invoice), background: true });
    expect(created.body.status).toBe('queued');
    await first.stop();
    const second = await startTestServer({ concurrency: 1, dataDir: first.dataDir });
    try {
      const call2 = client({ ...second, apiKey: first.apiKey });
      const done = await pollUntil(call2, `/v1/parses/${created.body.id}`, (r) => r.status === 'completed');
      expect(done.status).toBe('completed');
      expect(done.output.text).toContain('42183017');
      expect(done.usage.page_count).toBeGreaterThan(0);
    } finally {
      await second.close();
      const { rmSync } = await import('node:fs');
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  });
});

describe('on a running server', () => {
  let srv: TestServer;
  let call: ReturnType<typeof client>;
  beforeAll(async () => {
    srv = await startTestServer({ concurrency: 2, config: { cancelGraceMs: 3000 } });
    call = client(srv);
  });
  afterAll(async () => srv?.close());

  it('cancel of a running parse of a 1200-page PDF ends cancelled, never completed; a second cancel returns the same resource', async () => {
    const created = await call('POST', '/v1/parses', { document: await mimeData(bigPdf), background: true });
    const running = await pollUntil(call, `/v1/parses/${created.body.id}`, (r) => r.status === 'in_progress' && r.progress?.completed > 0);
    expect(running.status).toBe('in_progress');
    expect(running.progress.total).toBe(1200);
    const c1 = await call('POST', `/v1/parses/${created.body.id}/cancel`);
    const final = TERMINAL.includes(c1.body.status) ? c1.body : await pollUntil(call, `/v1/parses/${created.body.id}`, () => false);
    expect(final.status).toBe('cancelled');
    expect(final.cancel_requested_at).not.toBeNull();
    expect(final.progress.completed).toBeLessThan(1200);
    const c2 = await call('POST', `/v1/parses/${created.body.id}/cancel`);
    expect(c2.body).toEqual(final);
    // It stays cancelled.
    await new Promise((r) => setTimeout(r, 300));
    expect((await call('GET', `/v1/parses/${created.body.id}`)).body.status).toBe('cancelled');
  });

  it('a run whose lease expired (its worker died) is re-queued and completes', async () => {
    // Stop this server's workers, let a "dead" worker claim the run, then bring workers back.
    await srv.docket.pool.stop({ drain: true });
    const created = await call('POST', '/v1/parses', { document: await mimeData(invoice), background: true });
    const claimed = await srv.docket.store.runClaim({ owner: 'dead-worker', limit: 1, leaseMs: 300 });
    expect(claimed.map((r) => r.id)).toEqual([created.body.id]);
    expect((await call('GET', `/v1/parses/${created.body.id}`)).body.status).toBe('in_progress');
    // The dead worker never heartbeats; once the lease lapses recovery re-queues the run — the
    // server's own recovery timer, or this explicit pass, whichever comes first.
    try {
      await new Promise((r) => setTimeout(r, 400));
      const rec = await srv.docket.store.runRecoverExpired({});
      const requeued = await call('GET', `/v1/parses/${created.body.id}`);
      expect(rec.requeued.includes(created.body.id) || requeued.body.status === 'queued').toBe(true);
      expect(requeued.body).toMatchObject({ status: 'queued', attempts: 1 });
    } finally {
      srv.docket.pool.start(); // the later tests need workers whatever happened here
    }
    const done = await pollUntil(call, `/v1/parses/${created.body.id}`, (r) => r.status === 'completed');
    expect(done.status).toBe('completed');
    expect(done.attempts).toBe(2);
    // The dead worker's late finish is refused.
    expect(await srv.docket.store.runFinish({ id: created.body.id, owner: 'dead-worker', outcome: 'completed', output: {} })).toBeNull();
  });

  it('failed runs carry error.code', async () => {
    // A gzip stream named like a PDF: the format comes from the bytes, and gzip is not a document format.
    const gz = { filename: 'scan.pdf', url: 'data:application/pdf;base64,' + Buffer.from('1f8b0800000000000003cb48cdc9c9070086a6103605000000', 'hex').toString('base64') };
    const unsupported = await call('POST', '/v1/parses', { document: gz });
    expect(unsupported.body.status).toBe('failed');
    expect(unsupported.body.error.code).toBe('unsupported_format');
    const corrupt = await call('POST', '/v1/parses', { document: { filename: 'x.pdf', url: 'data:application/pdf;base64,' + Buffer.from('%PDF-1.7\n' + 'garbage '.repeat(200)).toString('base64') } });
    expect(corrupt.body.status).toBe('failed');
    expect(corrupt.body.error.code).toBe('corrupt_document');
    // A failed classification keeps the empty output shape of its primitive.
    const cls = await call('POST', '/v1/classifications', { document: { filename: 'x.pdf', url: 'data:application/pdf;base64,' + Buffer.from('%PDF-1.7\n' + 'garbage '.repeat(200)).toString('base64') }, categories: [{ name: 'invoice' }] });
    expect(cls.body.status).toBe('failed');
    expect(cls.body.error).toMatchObject({ code: 'corrupt_document' });
    expect(cls.body.output).toEqual({ reasoning: '', category: '' });
  });

  it('sync create answers the completed run', async () => {
    const r = await call('POST', '/v1/extractions', {
      document: await mimeData(invoice),
      json_schema: { type: 'object', properties: { invoice_number: { type: 'string' } } },
    });
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('completed');
    expect(r.body.output.invoice_number).toBe('42183017');
  });

  it('stream answers NDJSON ending with the final resource', async () => {
    const res = await fetch(srv.baseURL + '/v1/extractions/stream', {
      method: 'POST',
      headers: { 'api-key': srv.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({
        document: await mimeData(invoice),
        json_schema: { type: 'object', properties: { invoice_number: { type: 'string' }, total: { type: 'number' } } },
      }),
    });
    expect(res.headers.get('content-type')).toMatch(/application\/stream\+json/);
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const last = lines[lines.length - 1];
    expect(last.status).toBe('completed');
    expect(last.output.invoice_number).toBe('42183017');
    expect(lines.slice(0, -1).every((l) => l.status !== 'completed')).toBe(true);
  });
});
