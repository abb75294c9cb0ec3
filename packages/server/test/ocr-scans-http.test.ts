// OCR through the real server: image-only PDF pages are rendered and read (CER printed and bounded), a PDF
// with a text layer keeps it, and background extraction of the invoice PNGs in corpus/invoices/png finds
// invoice_number and total through OCR (per-field results printed against corpus/invoices/truth).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { characterErrorRate } from '../src/documents/ocr/cer.ts';
import { CORPUS, mimeData, startTestServer, type TestServer, jsonCaller } from './support/test-server.ts';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ concurrency: 2 });
});
afterAll(async () => srv?.close());

const call = jsonCaller(() => srv);

async function poll(resource: string, id: string): Promise<any> {
  for (;;) {
    const r = await call('GET', `/v1/${resource}/${id}`);
    if (['completed', 'failed', 'cancelled'].includes(r.body.status)) return r.body;
    await new Promise((res) => setTimeout(res, 100));
  }
}

it('image-only PDF pages are read by OCR; a text-layer PDF keeps its text', async () => {
  for (const [pdf, txt] of [
    ['scans/pdf/tess_phototest_imageonly.pdf', 'scans/truth/tess_phototest.txt'],
    ['scans/pdf/tess_eurotext_imageonly.pdf', 'scans/truth/tess_eurotext.txt'],
  ]) {
    const r = await call('POST', '/v1/parses', { document: await mimeData(path.join(CORPUS, pdf)) });
    expect(r.body.status, JSON.stringify(r.body.error)).toBe('completed');
    const cer = characterErrorRate(r.body.output.text, readFileSync(path.join(CORPUS, txt), 'utf8'));
    console.log(`CER ${path.basename(pdf)}: ${(cer * 100).toFixed(1)} %`);
    expect(cer).toBeLessThanOrEqual(0.1);
  }
  const text = await call('POST', '/v1/parses', { document: await mimeData(path.join(CORPUS, 'invoices/pdf/i2d_oyo.pdf')) });
  expect(text.body.output.text).toContain('Balance ( if any )'); // the text layer's own spacing, not an OCR reading
});

it('background extraction of the invoice PNGs through OCR: invoice_number and total', async () => {
  const SCHEMA = {
    type: 'object',
    properties: {
      invoice_number: { type: 'string', description: 'The invoice number' },
      total: { type: 'number', description: 'The total amount' },
    },
  };
  const dir = path.join(CORPUS, 'invoices/png');
  const files = readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
  expect(files.length).toBeGreaterThan(0);
  const ids = new Map<string, string>();
  for (const f of files) {
    const r = await call('POST', '/v1/extractions', { document: await mimeData(path.join(dir, f)), json_schema: SCHEMA, background: true });
    expect(r.status).toBe(201);
    ids.set(f, r.body.id);
  }
  const norm = (v: unknown) => (typeof v === 'string' ? v.toLowerCase().replace(/[\s#]/g, '') : v);
  const amount = (v: unknown) => (v == null ? null : Math.round(Number(String(v).replace(/[^\d.-]/g, '')) * 100) / 100);
  let right = 0;
  for (const [f, id] of ids) {
    const run = await poll('extractions', id);
    expect(run.status, `${f}: ${JSON.stringify(run.error)}`).toBe('completed');
    expect(run.file.mime_type).toBe('image/png');
    const truth = JSON.parse(readFileSync(path.join(CORPUS, 'invoices/truth', f.replace(/\.png$/, '.json')), 'utf8'));
    const num = truth.invoice_number != null && norm(run.output.invoice_number) === norm(truth.invoice_number);
    const tot = truth.total != null && amount(run.output.total) === amount(truth.total);
    right += Number(num) + Number(tot);
    console.log(`${f}: invoice_number ${num ? 'ok' : 'WRONG'} (${JSON.stringify(run.output.invoice_number)} vs ${JSON.stringify(truth.invoice_number)}) · total ${tot ? 'ok' : 'WRONG'} (${run.output.total} vs ${truth.total})`);
  }
  console.log(`invoice PNG fields right: ${right}/${files.length * 2}`);
  expect(right).toBeGreaterThanOrEqual(files.length); // at least half the fields through OCR
}, 300_000);
