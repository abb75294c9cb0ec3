// Hostile input: 200 seeded byte-mutations of corpus PDFs, zip bombs as DOCX (too big, too many entries,
// lying sizes), a PNG claiming 50,000 × 50,000 pixels, a PDF content-stream bomb, empty documents (data
// URI and an http URL serving 0 bytes), a PDF named .docx. Every run ends with a documented code, the
// server stays up, and its RSS (sampled all along) stays under a bound the test prints. Then a run that
// exceeds the per-run memory limit fails `out_of_memory` while the server and the next run carry on.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FAILURE_CODES } from '../src/runs/failures.ts';
import { api, parseAll, printTable, runSeconds } from './support/corpus-runs.ts';
import { bigXlsx, hugePng, lyingSizeDocx, manyEntriesDocx, mutate, rng, streamBombPdf, zipBombDocx } from './support/hostile-files.ts';
import { CORPUS, startTestServer, type TestServer } from './support/test-server.ts';

const RUN_TIMEOUT_S = 60;
const RSS_BOUND_MB = 2048;
const dataUri = (bytes: Uint8Array) => `data:application/octet-stream;base64,${Buffer.from(bytes).toString('base64')}`;

let srv: TestServer;
let empty: http.Server;
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
beforeAll(async () => {
  srv = await startTestServer({ concurrency: 2, config: { runTimeoutMs: RUN_TIMEOUT_S * 1000, runMemoryMb: 512, allowPrivateUrls: true } });
  empty = http.createServer((_, res) => res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': '0' }).end());
  await new Promise<void>((r) => empty.listen(0, '127.0.0.1', r));
}, 120_000);
afterAll(async () => {
  clearInterval(sampler);
  empty?.close();
  await srv?.close();
});

function corpusPdfs(): string[] {
  const out: string[] = [];
  for (const dir of ['tricky_pdfs', 'invoices/pdf', 'forms', 'multidoc']) {
    for (const f of readdirSync(path.join(CORPUS, dir)).sort()) {
      const full = path.join(CORPUS, dir, f);
      if (f.endsWith('.pdf') && statSync(full).size < 400_000 && !f.startsWith('synth_')) out.push(full);
    }
  }
  return out;
}

it('hostile documents all end cleanly with documented codes; the server stays up within its RSS bound', async () => {
  const rand = rng(20260404);
  const pdfs = corpusPdfs();
  const docs: { name: string; document: { filename: string; url: string } }[] = [];
  for (let i = 0; i < 200; i++) {
    const src = pdfs[Math.floor(rand() * pdfs.length)];
    const m = mutate(readFileSync(src), rand);
    docs.push({ name: `mutant ${String(i).padStart(3, '0')} ${m.kind} ${path.basename(src)}`, document: { filename: `m${i}.pdf`, url: dataUri(m.bytes) } });
  }
  const special: [string, string, Uint8Array][] = [
    ['zip bomb: 250 × 1 MiB entries', 'bomb.docx', zipBombDocx(250)],
    ['zip bomb: 20,000 entries', 'entries.docx', manyEntriesDocx(20_000)],
    ['zip bomb: 32 MiB entry declaring 1 KiB', 'liar.docx', lyingSizeDocx()],
    ['PNG claiming 50,000 × 50,000', 'huge.png', hugePng(50_000, 50_000)],
    ['PDF stream bomb (40 MiB content)', 'streambomb.pdf', streamBombPdf(40)],
    ['PDF named .docx', 'invoice.docx', readFileSync(path.join(CORPUS, 'invoices/pdf', readdirSync(path.join(CORPUS, 'invoices/pdf')).sort()[0]))],
  ];
  for (const [name, filename, bytes] of special) docs.push({ name, document: { filename, url: dataUri(bytes) } });
  const addr = empty.address() as AddressInfo;
  docs.push({ name: 'http URL serving 0 bytes', document: { filename: 'empty.pdf', url: `http://127.0.0.1:${addr.port}/empty.pdf` } });

  const emptyData = await api(srv, 'POST', '/v1/parses', { document: { filename: 'empty.pdf', url: 'data:application/pdf;base64,' }, background: true });
  expect(emptyData.status, 'an empty data URI is rejected at create').toBe(422);

  const results = await parseAll(srv, docs);
  const rows = docs.map((d) => {
    const run = results.get(d.name);
    const secs = runSeconds(run);
    return [d.name, run.status, run.error?.code ?? '', run.usage?.page_count ?? '', secs === null ? '' : secs.toFixed(1)];
  });
  const tally = new Map<string, number>();
  for (const r of rows) tally.set(`${r[1]} ${r[2]}`.trim(), (tally.get(`${r[1]} ${r[2]}`.trim()) ?? 0) + 1);
  printTable('Hostile inputs (special cases)', ['input', 'status', 'code', 'pages', 'seconds'], rows.slice(200));
  console.log(`\n200 mutated PDFs: ${[...new Map([...rows.slice(0, 200).reduce((m, r) => m.set(`${r[1]} ${r[2]}`.trim(), (m.get(`${r[1]} ${r[2]}`.trim()) ?? 0) + 1), new Map<string, number>())]).entries()].map(([k, n]) => `${k}: ${n}`).join(', ')}`);
  console.log(`peak RSS of the server process: ${Math.round(peakRss / 2 ** 20)} MB (bound ${RSS_BOUND_MB} MB)`);

  for (const d of docs) {
    const run = results.get(d.name);
    expect(['completed', 'failed'], `${d.name} ended ${run.status}`).toContain(run.status);
    if (run.status === 'failed') {
      expect(Object.keys(FAILURE_CODES), `${d.name}: ${JSON.stringify(run.error)}`).toContain(run.error.code);
      expect(run.error.code, `${d.name}: ${JSON.stringify(run.error)}`).not.toBe('internal_error');
    }
    const secs = runSeconds(run);
    if (secs !== null) expect(secs, `${d.name} ran ${secs}s`).toBeLessThanOrEqual(RUN_TIMEOUT_S + 15);
  }
  const code = (name: string) => results.get(name).error?.code;
  expect(code('zip bomb: 250 × 1 MiB entries')).toBe('document_too_large');
  expect(code('zip bomb: 20,000 entries')).toBe('document_too_large');
  expect(results.get('PDF named .docx').status).toBe('completed');
  expect((await fetch(`${srv.baseURL}/healthz`)).status).toBe(200);
  expect(peakRss / 2 ** 20).toBeLessThan(RSS_BOUND_MB);
}, 20 * 60_000);

it('a run over the per-run memory limit fails out_of_memory; the server and the next run carry on', async () => {
  const small = await startTestServer({ concurrency: 1, config: { runTimeoutMs: 120_000, runMemoryMb: 128 } });
  try {
    const xlsx = bigXlsx(150_000);
    const docx = readFileSync(path.join(CORPUS, 'office/docx/mammoth_tables.docx'));
    const results = await parseAll(small, [
      { name: 'big', document: { filename: 'big.xlsx', url: dataUri(xlsx) } },
      { name: 'after', document: { filename: 'tables.docx', url: dataUri(docx) } },
    ]);
    console.log(`big XLSX (${(xlsx.length / 2 ** 20).toFixed(1)} MB zipped) under a 128 MB run limit: ${results.get('big').status} ${results.get('big').error?.code ?? ''}`);
    expect(results.get('big').error?.code).toBe('out_of_memory');
    expect(results.get('after').status).toBe('completed');
    expect((await fetch(`${small.baseURL}/healthz`)).status).toBe(200);
  } finally {
    await small.close();
  }
}, 10 * 60_000);
