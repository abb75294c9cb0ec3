// End to end on the real corpus invoices: a background extraction of every PDF in
// corpus/invoices/pdf through the HTTP API, each polled to its terminal status, field accuracy
// printed against corpus/invoices/truth (dates and amounts normalised). Also prints how long polls
// took while the workers were busy (a figure, not an assertion).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CORPUS, mimeData, startTestServer, type TestServer, jsonCaller } from './support/test-server.ts';

const PDF_DIR = path.join(CORPUS, 'invoices/pdf');
const TRUTH_DIR = path.join(CORPUS, 'invoices/truth');
const SCHEMA = {
  type: 'object',
  properties: {
    invoice_number: { type: 'string', description: 'The invoice number' },
    date: { type: 'string', format: 'date', description: 'The invoice date' },
    currency: { type: 'string', description: 'ISO 4217 currency code' },
    total: { type: 'number', description: 'The total amount' },
  },
};

const normId = (v: unknown) => (typeof v === 'string' ? v.toLowerCase().replace(/[\s#]/g, '') : v);
const normDate = (v: unknown) => {
  if (typeof v !== 'string') return v;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? v : d.toISOString().slice(0, 10);
};
const normAmount = (v: unknown) => (typeof v === 'number' ? Math.round(v * 100) / 100 : typeof v === 'string' ? Math.round(Number(v.replace(/[^\d.-]/g, '')) * 100) / 100 : v);
const RIGHT: Record<string, (got: unknown, want: unknown) => boolean> = {
  invoice_number: (g, w) => g != null && normId(g) === normId(w),
  date: (g, w) => g != null && normDate(g) === normDate(w),
  currency: (g, w) => typeof g === 'string' && g.toUpperCase() === String(w).toUpperCase(),
  total: (g, w) => g != null && normAmount(g) === normAmount(w),
};

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ concurrency: 2 });
});
afterAll(async () => srv?.close());

const call = jsonCaller(() => srv);

it('background extraction of every corpus invoice: invoice_number and total right for at least 12 of 20', async () => {
  const files = readdirSync(PDF_DIR).filter((f) => f.endsWith('.pdf')).sort();
  expect(files.length).toBe(20);
  const ids = new Map<string, string>();
  for (const f of files) {
    const r = await call('POST', '/v1/extractions', { document: await mimeData(path.join(PDF_DIR, f)), json_schema: SCHEMA, background: true });
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('queued');
    ids.set(f, r.body.id);
  }
  const pollMs: number[] = [];
  const results = new Map<string, any>();
  while (results.size < files.length) {
    for (const [f, id] of ids) {
      if (results.has(f)) continue;
      const t = performance.now();
      const r = await call('GET', `/v1/extractions/${id}`);
      pollMs.push(performance.now() - t);
      if (['completed', 'failed', 'cancelled'].includes(r.body.status)) results.set(f, r.body);
    }
    await new Promise((res) => setTimeout(res, 20));
  }
  const fields = Object.keys(SCHEMA.properties);
  const right = Object.fromEntries(fields.map((k) => [k, 0])) as Record<string, number>;
  const lines: string[] = [];
  for (const f of files) {
    const run = results.get(f);
    const truth = JSON.parse(readFileSync(path.join(TRUTH_DIR, f.replace(/\.pdf$/, '.json')), 'utf8'));
    expect(run.status, `${f}: ${JSON.stringify(run.error)}`).toBe('completed');
    const cells = fields.map((k) => {
      const ok = RIGHT[k](run.output[k], truth[k]);
      if (ok) right[k]++;
      return `${ok ? '✓' : '✗'} ${k}=${JSON.stringify(run.output[k])}${ok ? '' : ` (truth ${JSON.stringify(truth[k])})`}`;
    });
    lines.push(`${f.padEnd(48)} ${cells.join('  ')}`);
  }
  pollMs.sort((a, b) => a - b);
  const q = (p: number) => pollMs[Math.min(pollMs.length - 1, Math.floor(p * pollMs.length))].toFixed(1);
  console.log(
    `${lines.join('\n')}\n\nfield accuracy (${files.length} invoices): ${fields.map((k) => `${k} ${right[k]}/${files.length}`).join(', ')}\n` +
      `polls while working: ${pollMs.length} GETs, p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms`,
  );
  expect(right.invoice_number).toBeGreaterThanOrEqual(12);
  expect(right.total).toBeGreaterThanOrEqual(12);
}, 300_000);
