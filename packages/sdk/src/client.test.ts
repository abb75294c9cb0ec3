// Client behaviour against a tiny scripted HTTP peer (node:http): auth headers, retries with
// Retry-After, idempotency keys, timeouts, aborts, and typed errors.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Docket } from './client.ts';
import * as E from './core/errors.ts';
import { Retab } from './retab/retab.ts';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
type Reply = { status: number; headers?: Record<string, string>; body?: unknown } | 'hang';

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

/** Answers request n with replies[n] (the last reply repeats); records what it saw. */
async function peer(replies: Reply[]): Promise<{ baseURL: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const reply = replies[Math.min(seen.length - 1, replies.length - 1)];
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { baseURL: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, seen };
}

const run = { id: 'prs_1', object: 'parse', status: 'completed' };

describe('client construction', () => {
  it('requires an API key, falling back to DOCKET_API_KEY', () => {
    const saved = process.env.DOCKET_API_KEY;
    delete process.env.DOCKET_API_KEY;
    try {
      expect(() => new Docket()).toThrow(/Missing API key.*DOCKET_API_KEY/);
      process.env.DOCKET_API_KEY = 'from-env';
      expect(new Docket().apiKey).toBe('from-env');
    } finally {
      if (saved === undefined) delete process.env.DOCKET_API_KEY;
      else process.env.DOCKET_API_KEY = saved;
    }
  });

  it('defaults the base URL and strips a trailing /v1', () => {
    const saved = process.env.DOCKET_BASE_URL;
    delete process.env.DOCKET_BASE_URL;
    expect(new Docket({ apiKey: 'k' }).baseURL).toBe('http://127.0.0.1:8080');
    if (saved !== undefined) process.env.DOCKET_BASE_URL = saved;
    expect(new Docket({ apiKey: 'k', baseURL: 'https://d.example/v1/' }).baseURL).toBe('https://d.example');
  });
});

describe('requests', () => {
  it('sends Bearer auth (Docket) and Api-Key auth (Retab)', async () => {
    const { baseURL, seen } = await peer([{ status: 200, body: run }]);
    await new Docket({ apiKey: 'sk_1', baseURL }).parses.get('prs_1', { includeOutput: false });
    expect(seen[0].headers.authorization).toBe('Bearer sk_1');
    expect(seen[0].url).toBe('/v1/parses/prs_1?include_output=false');
    await new Retab({ apiKey: 'sk_2', baseUrl: baseURL }).parses.get('prs_1');
    expect(seen[1].headers['api-key']).toBe('sk_2');
    expect(seen[1].headers.authorization).toBeUndefined();
  });

  it('retries a 429 after its Retry-After, then succeeds', async () => {
    const { baseURL, seen } = await peer([{ status: 429, headers: { 'retry-after': '1' }, body: { detail: 'slow down' } }, { status: 200, body: run }]);
    const started = Date.now();
    const got = await new Docket({ apiKey: 'k', baseURL }).parses.get('prs_1');
    expect(got).toEqual(run);
    expect(seen).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(seen[1].headers['x-docket-retry-count']).toBe('1');
  });

  it('retries a create on 500 with the same Idempotency-Key', async () => {
    const { baseURL, seen } = await peer([{ status: 500, headers: { 'retry-after-ms': '10' } }, { status: 201, body: run }]);
    const doc = { filename: 'a.pdf', url: 'https://x/a.pdf' };
    await new Docket({ apiKey: 'k', baseURL }).parses.create({ document: doc });
    expect(seen).toHaveLength(2);
    const key = seen[0].headers['idempotency-key'];
    expect(key).toMatch(/^docket-/);
    expect(seen[1].headers['idempotency-key']).toBe(key);
    expect(JSON.parse(seen[0].body)).toEqual({ document: doc });
  });

  it('does not retry a POST without Idempotency-Key on 500, but does on 503', async () => {
    const a = await peer([{ status: 500, body: { detail: 'boom' } }, { status: 200, body: {} }]);
    const client = new Docket({ apiKey: 'k', baseURL: a.baseURL });
    await expect(client.request({ method: 'POST', path: '/v1/x', body: {} })).rejects.toBeInstanceOf(E.InternalServerError);
    expect(a.seen).toHaveLength(1);
    server!.close();
    const b = await peer([{ status: 503, headers: { 'retry-after-ms': '5' } }, { status: 200, body: { ok: true } }]);
    const res = await new Docket({ apiKey: 'k', baseURL: b.baseURL }).request({ method: 'POST', path: '/v1/x', body: {} });
    expect(res.data).toEqual({ ok: true });
  });

  it('gives up after maxRetries and throws the typed error', async () => {
    const { baseURL, seen } = await peer([{ status: 502, headers: { 'retry-after-ms': '1' }, body: { detail: 'bad gateway' } }]);
    const err = await new Docket({ apiKey: 'k', baseURL, maxRetries: 3 }).parses.get('p').catch((e) => e);
    expect(err).toBeInstanceOf(E.InternalServerError);
    expect(err.status).toBe(502);
    expect(seen).toHaveLength(4);
  });

  it('maps statuses to error classes with detail, code and request id', async () => {
    const { baseURL } = await peer([
      { status: 404, headers: { 'x-request-id': 'req-7' }, body: { detail: "Parse 'x' not found" } },
      { status: 409, body: { detail: { code: 'idempotency_conflict', message: 'different body', details: null } } },
      { status: 422, body: { detail: [{ loc: ['body', 'document'], msg: 'Field required', type: 'missing' }] } },
      { status: 413, body: { detail: 'too big' } },
    ]);
    const c = new Docket({ apiKey: 'k', baseURL, maxRetries: 0 });
    const e404 = await c.parses.get('x').catch((e) => e);
    expect(e404).toBeInstanceOf(E.NotFoundError);
    expect(e404).toMatchObject({ status: 404, detail: "Parse 'x' not found", requestId: 'req-7', message: "404 Parse 'x' not found" });
    const e409 = await c.parses.get('x').catch((e) => e);
    expect(e409).toBeInstanceOf(E.ConflictError);
    expect(e409.code).toBe('idempotency_conflict');
    const e422 = await c.parses.get('x').catch((e) => e);
    expect(e422).toBeInstanceOf(E.UnprocessableEntityError);
    expect(e422.message).toBe('422 body.document: Field required');
    expect(await c.parses.get('x').catch((e) => e)).toBeInstanceOf(E.PayloadTooLargeError);
  });

  it('times out per attempt and retries idempotent requests', async () => {
    const { baseURL, seen } = await peer(['hang']);
    const err = await new Docket({ apiKey: 'k', baseURL, timeout: 100, maxRetries: 1 }).parses.get('p').catch((e) => e);
    expect(err).toBeInstanceOf(E.APIConnectionTimeoutError);
    expect(seen).toHaveLength(2);
  });

  it('rejects with APIUserAbortError when the signal fires', async () => {
    const { baseURL } = await peer(['hang']);
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 50);
    const err = await new Docket({ apiKey: 'k', baseURL }).parses.get('p', {}, { signal: ctl.signal }).catch((e) => e);
    expect(err).toBeInstanceOf(E.APIUserAbortError);
  });

  it('reports an unreachable server as APIConnectionError', async () => {
    const err = await new Docket({ apiKey: 'k', baseURL: 'http://127.0.0.1:9', maxRetries: 0 }).parses.get('p').catch((e) => e);
    expect(err).toBeInstanceOf(E.APIConnectionError);
    expect(err).not.toBeInstanceOf(E.APIConnectionTimeoutError);
  });
});
