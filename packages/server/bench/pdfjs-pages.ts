// (c) reference: pdfjs getTextContent alone on the same corpus invoices, one thread, in its own
// process (pages/s and peak RSS). Child process of bench/run.ts. Args: rounds.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getPdfjs, PDFJS_DATA } from '../src/documents/pdfjs.ts';
import { CORPUS, report } from './util.ts';

const rounds = Number(process.argv[2] ?? 3);
const dir = path.join(CORPUS, 'invoices/pdf');
const files = readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort();
const pdfjs = await getPdfjs();

const t0 = performance.now();
let pages = 0;
for (let r = 0; r < rounds; r++) {
  for (const f of files) {
    const data = new Uint8Array(readFileSync(path.join(dir, f)));
    const doc = await pdfjs.getDocument({ data, ...PDFJS_DATA, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      await page.getTextContent();
      page.cleanup();
      pages++;
    }
    await doc.destroy();
  }
}
const seconds = (performance.now() - t0) / 1000;
report({ files: files.length, rounds, pages, seconds, maxRssKiB: process.resourceUsage().maxRSS });
