// (c) Parse pages/s end to end through the server (HTTP background creates of the corpus invoices,
// 2 engine threads, until all are completed) and this process's peak RSS.
// Child process of bench/run.ts; prints one JSON report. Args: rounds.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/config.ts';
import { startDocket } from '../src/server.ts';
import { CORPUS, report } from './util.ts';

const rounds = Number(process.argv[2] ?? 3);
const dir = path.join(CORPUS, 'invoices/pdf');
const files = readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort();
const apiKey = 'dk_bench_key_0123456789abcdef';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'docket-bench-parse-'));
const config = loadConfig({}, { dataDir, host: '127.0.0.1', port: 0, workerConcurrency: 2, bootstrapKey: apiKey });
const docket = await startDocket(config, { logger: false });
const bodies = files.map((f) => JSON.stringify({
  document: { filename: f, url: `data:application/pdf;base64,${readFileSync(path.join(dir, f)).toString('base64')}` },
  background: true,
  bust_cache: true,
}));

const t0 = performance.now();
const ids: string[] = [];
for (let r = 0; r < rounds; r++) {
  for (const body of bodies) {
    const res = await fetch(`${docket.url}/v1/parses`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body });
    if (res.status !== 201) throw new Error(`create answered ${res.status}: ${await res.text()}`);
    ids.push(((await res.json()) as { id: string }).id);
  }
}
for (;;) {
  const c = await docket.store.runCounts();
  if (c.completed + c.failed + c.cancelled >= ids.length) break;
  await new Promise((r) => setTimeout(r, 20));
}
const seconds = (performance.now() - t0) / 1000;
let pages = 0;
const failed: string[] = [];
for (const id of ids) {
  const run = await docket.store.runGet({ id });
  if (run?.status !== 'completed') failed.push(`${run?.file?.filename}: ${run?.error?.code}`);
  pages += run?.usage?.page_count ?? 0;
}
await docket.close();
rmSync(dataDir, { recursive: true, force: true });
report({ files: files.length, rounds, pages, seconds, failed, maxRssKiB: process.resourceUsage().maxRSS });
