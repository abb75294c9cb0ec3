// `npm run bench`: Docket's throughput and latency figures, each beside a reference measured in the
// same run on the same machine: (a) no-op runs/s through the SQLite engine vs raw SQLite writes,
// (b) background creates over HTTP vs a bare Fastify route, (b2) GET poll latency with busy vs
// idle workers, (c) parse pages/s and peak RSS vs pdfjs getTextContent alone, (d) OCR pages/s vs the
// tesseract CLI. About 3 minutes.
import os from 'node:os';
import { httpCreate } from './http-create.ts';
import { peers } from './peers.ts';
import { parseVsPdftotext } from './pdftotext-compare.ts';
import { pollLatency } from './poll-latency.ts';
import { fmt, mib, ratio, runChild, table } from './util.ts';

const quick = process.argv.includes('--quick');
const N = quick ? 500 : 3000;
const HTTP_SECONDS = quick ? 2 : 10;
const POLL_SECONDS = quick ? 2 : 5;
const ROUNDS = quick ? 1 : 5;

const out: string[] = [];
const print = (s: string) => {
  out.push(s);
  process.stdout.write(s + '\n\n');
};
let failures = 0;
// `--only=be` runs only sections (b) and (e).
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? null;
/** Runs one section; a failing section is reported and the others still run. */
async function section(name: string, fn: () => Promise<void>): Promise<void> {
  if (only !== null && !only.includes(name.replace(/[()]/g, '').charAt(0))) return;
  try {
    await fn();
  } catch (err) {
    failures++;
    print(`${name} FAILED: ${(err as Error).message}`);
  }
}

print(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`);

await section('(a)', async () => {
  const a = await runChild<{ n: number; raw: number; results: { concurrency: number; runsPerSec: number }[] }>('noop-runs.ts', [String(N), '1', '8', '32']);
  print(
    table(`(a) no-op runs/s through the SQLite engine (${a.n} runs: create → claim → finish → terminal event)`, ['workload', 'runs/s', 'vs raw SQLite', 'vs concurrency 1'], [
      ['reference: raw better-sqlite3 INSERT + 2 UPDATEs per row', fmt(a.raw), '1.00×', ''],
      ...a.results.map((r) => [`Docket, worker concurrency ${r.concurrency}`, fmt(r.runsPerSec), ratio(r.runsPerSec, a.raw), ratio(r.runsPerSec, a.results[0].runsPerSec)]),
    ]),
  );
});

await section('(b)', async () => {
  const b = await httpCreate(HTTP_SECONDS, 32);
  const row = (name: string, r: typeof b.bare, ref: typeof b.bare) => [name, fmt(r.reqPerSec), `${r.p50} ms`, `${r.p99} ms`, String(r.errors + r.non2xx), ratio(r.reqPerSec, ref.reqPerSec)];
  print(
    table(`(b) background create over HTTP, 32 connections, ${HTTP_SECONDS} s (workers 0: API + store)`, ['endpoint', 'req/s', 'p50', 'p99', 'errors/non-2xx', 'vs bare'], [
      row('reference: bare Fastify POST route (same body, 201 JSON)', b.bare, b.bare),
      row('Docket POST /v1/parses {background: true}', b.docket, b.bare),
    ]) + `\n\nGoal: ≥ 0.50× the bare route with p99 ≤ 10 ms → ${b.docket.reqPerSec / b.bare.reqPerSec >= 0.5 && b.docket.p99 <= 10 ? 'met' : 'NOT met'}.`,
  );
});

await section('(b2)', async () => {
  const p = await pollLatency(POLL_SECONDS, 4);
  print(
    table(`(b2) GET /v1/parses/{id} poll latency, 4 connections, ${POLL_SECONDS} s`, ['workers', 'req/s', 'p50', 'p99', 'p99 vs idle'], [
      ['reference: 2 idle workers', fmt(p.idle.reqPerSec), `${p.idle.p50} ms`, `${p.idle.p99} ms`, '1.00×'],
      [`2 workers parsing 1200-page PDFs (${fmt(p.pagesParsedDuring)} pages/s meanwhile; ${p.inProgressAtEnd} still running at the end)`, fmt(p.busy.reqPerSec), `${p.busy.p50} ms`, `${p.busy.p99} ms`, ratio(Math.max(1, p.busy.p99), Math.max(1, p.idle.p99))],
    ]),
  );
});

await section('(c)', async () => {
  const c = await runChild<{ files: number; pages: number; seconds: number; failed: string[]; maxRssKiB: number }>('parse-pages.ts', [String(ROUNDS)]);
  const ref = await runChild<{ pages: number; seconds: number; maxRssKiB: number }>('pdfjs-pages.ts', [String(ROUNDS)]);
  const cps = c.pages / c.seconds;
  const rps = ref.pages / ref.seconds;
  print(
    table(`(c) parse of the corpus invoices (${c.files} PDFs × ${ROUNDS} rounds = ${c.pages} pages)`, ['workload', 'pages/s', 'vs pdfjs', 'peak RSS'], [
      ['reference: pdfjs getTextContent alone, 1 thread', fmt(rps, 1), '1.00×', mib(ref.maxRssKiB)],
      [`Docket end to end: HTTP background parses, 2 engine threads${c.failed.length ? ` (${c.failed.length} failed)` : ''}`, fmt(cps, 1), ratio(cps, rps), mib(c.maxRssKiB)],
    ]),
  );
  if (c.failed.length) print(`failed parses: ${c.failed.join('; ')}`);
});
await section('(d)', async () => {
  const d = await runChild<{ pages: number; docketSeconds: number; cli: string | null; cliSeconds: number | null; cer: { file: string; docket: number; cli: number | null }[] }>('ocr-pages.ts');
  const dps = d.pages / d.docketSeconds;
  const cps = d.cliSeconds ? d.pages / d.cliSeconds : null;
  const pct = (v: number | null) => (v === null ? 'n/a' : `${fmt(v * 100, 1)} %`);
  print(
    table(`(d) OCR of ${d.pages} images (corpus/scans/img + SROIE receipts), one after another`, ['workload', 'pages/s', 'vs CLI'], [
      [`reference: ${d.cli ?? 'tesseract CLI (not available)'}, OMP_THREAD_LIMIT=1`, cps === null ? 'n/a' : fmt(cps, 2), '1.00×'],
      ['Docket loader: tesseract.js 7, 1 OCR worker (rotation check, small print enlarged)', fmt(dps, 2), cps === null ? 'n/a' : ratio(dps, cps)],
    ]) + '\n\n' + table('(d) character error rate on the clean scans', ['image', 'Docket', 'tesseract CLI'], d.cer.map((r) => [r.file, pct(r.docket), pct(r.cli)])),
  );
});
await section('(f)', async () => {
  const rows = await parseVsPdftotext();
  print(
    table('(f) parse beside pdftotext -layout (poppler), same files, one process each, one after another', ['files', 'pages', 'pdftotext pages/s', 'Docket pages/s', 'vs pdftotext', 'pdftotext peak RSS', 'Docket peak RSS'],
      rows.map((r) => [`${r.label} (${r.files})`, fmt(r.pages), fmt(r.pages / r.pdftotext.seconds, 1), fmt(r.pages / r.docket.seconds, 1), ratio(r.pdftotext.seconds, r.docket.seconds), mib(r.pdftotext.maxRssKiB), mib(r.docket.maxRssKiB)]),
    ) + '\n\nGoals: parse ≥ 0.5× pdftotext; peak RSS ≤ 300 MB on the 1,200-page file.',
  );
});
// (e) peers: the peer queues need PostgreSQL and Redis; included by default, skipped with --no-peers.
if (!process.argv.includes('--no-peers')) await section('(e)', async () => print(await peers(quick ? 300 : 1000, 16)));
process.exitCode = failures > 0 ? 1 : 0;
