// (f) Docket's document loader + parse engine on a list of PDFs, in its own process: pages/s and
// peak RSS. Child process of bench/run.ts. Args: JSON array of file paths.
import { readFileSync } from 'node:fs';
import { loadDocument } from '../src/documents/load-document.ts';
import { parseEngine } from '../src/engines/parse.ts';
import { report } from './util.ts';

const files = JSON.parse(process.argv[2] ?? '[]') as string[];
const signal = new AbortController().signal;
const t0 = performance.now();
let pages = 0;
for (const f of files) {
  const doc = await loadDocument(new Uint8Array(readFileSync(f)), { filename: f, signal, maxPages: 100_000 });
  await parseEngine(doc, { table_parsing_format: 'markdown' }, { signal, model: 'retab-small', progress: () => {}, partial: () => {} });
  pages += doc.pages.length;
}
const seconds = (performance.now() - t0) / 1000;
report({ files: files.length, pages, seconds, maxRssKiB: process.resourceUsage().maxRSS });
