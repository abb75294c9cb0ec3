// LLM reliability against the OpenAI-compatible test server: retries on 429 (Retry-After honoured) and
// 5xx, per-call timeouts, cancel aborting the in-flight request, the per-model concurrency limit,
// token streaming as partial output, n_consensus, and page chunking of a long document.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promptText } from './support/openai-test-server.ts';
import { invoiceDoc, startLlmSetup, type LlmSetup } from './support/llm-docket.ts';
import { CORPUS, mimeData } from './support/test-server.ts';

const SCHEMA = { type: 'object', properties: { invoice_number: { type: 'string' }, total: { type: 'number' } } };
const ANSWER = { invoice_number: '42183017', total: 4.11 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let t: LlmSetup;
beforeAll(async () => {
  t = await startLlmSetup({
    concurrency: 4,
    models: {
      'retab-large': {},
      slow: { timeout_ms: 300, max_retries: 1 },
      narrow: { max_concurrency: 1 },
      tiny: { context_tokens: 1500, max_output_tokens: 300 },
    },
  });
});
afterAll(async () => t?.close());

const extract = async (extra: Record<string, unknown>) => t.call('POST', '/v1/extractions', { document: await invoiceDoc(), json_schema: SCHEMA, model: 'retab-large', ...extra });

async function waitTerminal(id: string): Promise<any> {
  for (;;) {
    const r = (await t.call('GET', `/v1/extractions/${id}`)).body;
    if (['completed', 'failed', 'cancelled'].includes(r.status)) return r;
    await sleep(25);
  }
}

describe('retries and timeouts', () => {
  it('a 429 is retried after its Retry-After', async () => {
    const before = t.llm.requests.length;
    t.llm.respond = (_b, i) => (i === before ? { status: 429, message: 'Rate limit reached for requests', headers: { 'retry-after': '1' } } : { content: JSON.stringify(ANSWER) });
    const r = await extract({});
    expect(r.body.status).toBe('completed');
    const [a, b] = t.llm.requests.slice(before);
    const gap = b.receivedAt - a.receivedAt;
    console.log(`429 Retry-After: 1 → retried after ${gap.toFixed(0)} ms`);
    expect(gap).toBeGreaterThanOrEqual(950);
  });

  it('5xx answers are retried with backoff; when retries run out the run fails with the last status', async () => {
    let before = t.llm.requests.length;
    t.llm.respond = (_b, i) => (i < before + 2 ? { status: i === before ? 500 : 503, message: 'The server had an error while processing your request.' } : { content: JSON.stringify(ANSWER) });
    const ok = await extract({});
    expect(ok.body.status).toBe('completed');
    expect(t.llm.requests.length).toBe(before + 3);

    before = t.llm.requests.length;
    t.llm.respond = () => ({ status: 502, message: 'Bad gateway' });
    const bad = await extract({});
    expect(bad.body.status).toBe('failed');
    expect(bad.body.error).toMatchObject({ code: 'model_error', details: { provider_status: 502, provider_message: 'Bad gateway' } });
    expect(t.llm.requests.length).toBe(before + 4); // 1 + max_retries (3)
  });

  it('a 400 is not retried', async () => {
    const before = t.llm.requests.length;
    t.llm.respond = () => ({ status: 400, message: "This model's maximum context length is 8192 tokens.", code: 'context_length_exceeded' });
    const r = await extract({});
    expect(r.body.error.code).toBe('model_error');
    expect(r.body.error.message).toMatch(/maximum context length/);
    expect(t.llm.requests.length).toBe(before + 1);
  });

  it('a call that exceeds timeout_ms is aborted, retried, then the run fails with model_error', async () => {
    const before = t.llm.requests.length;
    t.llm.respond = () => ({ hang: true });
    const r = await extract({ model: 'slow' });
    expect(r.body.status).toBe('failed');
    expect(r.body.error.code).toBe('model_error');
    expect(r.body.error.message).toMatch(/300 ms/);
    const reqs = t.llm.requests.slice(before);
    expect(reqs.length).toBe(2); // max_retries: 1
    await Promise.all(reqs.map((_, k) => t.llm.waitForAbort(before + k)));
    const held = reqs.map((q) => q.abortedAt! - q.receivedAt);
    console.log(`timeout_ms 300: requests held ${held.map((h) => h.toFixed(0)).join(', ')} ms before the client aborted`);
    for (const h of held) expect(h).toBeLessThan(1000);
  });
});

describe('cancel', () => {
  it('cancelling a run aborts its in-flight model request', async () => {
    const before = t.llm.requests.length;
    t.llm.respond = () => ({ hang: true });
    const created = await extract({ background: true });
    await t.llm.waitForRequests(before + 1);
    const sent = performance.now();
    const cancel = t.call('POST', `/v1/extractions/${created.body.id}/cancel`);
    const rec = await t.llm.waitForAbort(before);
    const ms = rec.abortedAt! - sent;
    console.log(`cancel → the model server saw the request aborted after ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(200);
    expect((await cancel).body.status).toBe('cancelled');
  });
});

describe('concurrency limit', () => {
  it('max_concurrency bounds the calls in flight to a model across runs', async () => {
    let inflight = 0;
    let peak = 0;
    t.llm.respond = async () => {
      peak = Math.max(peak, ++inflight);
      await sleep(150);
      inflight--;
      return { content: JSON.stringify(ANSWER) };
    };
    const runs = await Promise.all([1, 2, 3].map(() => extract({ model: 'narrow', background: true })));
    const done = await Promise.all(runs.map((r) => waitTerminal(r.body.id)));
    expect(done.map((d) => d.status)).toEqual(['completed', 'completed', 'completed']);
    expect(peak).toBe(1);
  });
});

describe('streaming', () => {
  it('stream: true streams the provider tokens as partial output, then the final resource', async () => {
    const before = t.llm.requests.length;
    const content = JSON.stringify({ invoice_number: '42183017-ABCDEFGHIJKLMNOP', total: 4.11 });
    t.llm.respond = () => ({ content, chunkSize: 3, chunkDelayMs: 15 });
    const res = await fetch(`${t.srv.baseURL}/v1/extractions/stream`, {
      method: 'POST',
      headers: { 'api-key': t.srv.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ document: await invoiceDoc(), json_schema: SCHEMA, model: 'retab-large' }),
    });
    expect(res.headers.get('content-type')).toMatch(/application\/stream\+json/);
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    const req = t.llm.requests[before];
    expect(req.body.stream).toBe(true);
    const partials = lines.filter((l) => l.status === 'in_progress').map((l) => l.output);
    const growing = partials.filter((p) => typeof p.invoice_number === 'string' && p.invoice_number.length < 26 && '42183017-ABCDEFGHIJKLMNOP'.startsWith(p.invoice_number));
    console.log(`stream: ${lines.length} NDJSON lines, ${partials.length} partial outputs, ${growing.length} with a growing invoice_number`);
    expect(growing.length).toBeGreaterThan(1);
    const last = lines.at(-1);
    expect(last.status).toBe('completed');
    expect(last.output).toEqual({ invoice_number: '42183017-ABCDEFGHIJKLMNOP', total: 4.11 });
    expect(last.usage.completion_tokens).toBeGreaterThan(0);
  });
});

describe('consensus', () => {
  it('n_consensus: 3 makes 3 parallel calls with temperature > 0 and reconciles them', async () => {
    const before = t.llm.requests.length;
    const totals = [4.11, 4.11, 9.99];
    t.llm.respond = (_b, i) => ({ content: JSON.stringify({ invoice_number: '42183017', total: totals[i - before] }) });
    const r = await extract({ n_consensus: 3 });
    expect(r.body.status).toBe('completed');
    const reqs = t.llm.requests.slice(before);
    expect(reqs.length).toBe(3);
    for (const q of reqs) expect(q.body.temperature).toBeGreaterThan(0);
    expect(r.body.output).toEqual({ invoice_number: '42183017', total: 4.11 });
    expect(r.body.consensus.choices).toHaveLength(3);
    expect(r.body.consensus.likelihoods.invoice_number).toBe(1);
    expect(r.body.consensus.likelihoods.total).toBeCloseTo(0.667, 2);
    expect(r.body.usage.credits).toBe(9); // 3 credits/page × 1 page × 3 votes
  });
});

describe('long documents', () => {
  it('a document over context_tokens is worked chunk by chunk and the answers merged', async () => {
    const before = t.llm.requests.length;
    const schema = { type: 'object', properties: { page_labels: { type: 'array', items: { type: 'string' } }, first_page: { type: 'integer' } } };
    t.llm.respond = (body) => {
      const pages = [...promptText(body).matchAll(/<page number="(\d+)">/g)].map((m) => Number(m[1]));
      return { content: JSON.stringify({ page_labels: pages.map((p) => `p${p}`), first_page: pages[0] === 1 ? 1 : null }) };
    };
    const doc = await mimeData(path.join(CORPUS, 'multidoc/concat_mixed_7docs.pdf'));
    const r = await t.call('POST', '/v1/extractions', { document: doc, json_schema: schema, model: 'tiny' });
    expect(r.body.error).toBeNull();
    const reqs = t.llm.requests.slice(before);
    console.log(`9-page document, context_tokens 1500: ${reqs.length} chunk calls, prompt sizes ${reqs.map((q) => Math.ceil(promptText(q.body).length / 3.5)).join(', ')} est. tokens`);
    expect(reqs.length).toBeGreaterThan(1);
    expect(r.body.output.page_labels).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9']);
    expect(r.body.output.first_page).toBe(1);
  });
});
