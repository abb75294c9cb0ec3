// (d) OCR pages/s: Docket's loader (tesseract.js, 1 OCR worker, rotation check and small-print
// enlargement included) beside the Debian `tesseract` CLI with OMP_THREAD_LIMIT=1 on the same images
// (corpus/scans/img and the SROIE receipts), one after another; CER on the clean scans for both.
// The CLI is installed with apt-get when missing. Child process of bench/run.ts; prints one JSON report.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadDocument } from '../src/documents/load-document.ts';
import { characterErrorRate } from '../src/documents/ocr/cer.ts';
import { shutdownOcr } from '../src/documents/ocr/ocr-pool.ts';
import { CORPUS, report } from './util.ts';

const scans = readdirSync(path.join(CORPUS, 'scans/img')).sort().map((f) => path.join(CORPUS, 'scans/img', f));
const receipts = readdirSync(path.join(CORPUS, 'receipts/img')).sort().map((f) => path.join(CORPUS, 'receipts/img', f));
const images = [...scans, ...receipts];
const truthOf = (file: string): string | null => {
  const base = path.basename(file).replace(/(-rotated-(180|L|R))?\.(tif|png)$/, '');
  try {
    return readFileSync(path.join(CORPUS, 'scans/truth', `${base}.txt`), 'utf8');
  } catch {
    return null;
  }
};

function ensureCli(): string | null {
  const has = () => spawnSync('tesseract', ['--version']).status === 0;
  if (!has()) {
    process.stderr.write('installing tesseract-ocr (apt-get)…\n');
    spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-eng'], { stdio: 'ignore' });
  }
  return has() ? spawnSync('tesseract', ['--version']).stdout.toString().split('\n')[0] : null;
}

const cerRows: { file: string; docket: number; cli: number | null }[] = [];
// Warm-up outside the timing: the OCR worker start (wasm + language data) is paid once per engine thread.
await loadDocument(new Uint8Array(readFileSync(scans[0])), { filename: 'warm.tif' });
let t = performance.now();
const docketText: string[] = [];
for (const f of images) docketText.push((await loadDocument(new Uint8Array(readFileSync(f)), { filename: path.basename(f) })).pageTexts.join('\n'));
const docketSeconds = (performance.now() - t) / 1000;
await shutdownOcr();

const cli = ensureCli();
let cliSeconds: number | null = null;
const cliText: string[] = [];
if (cli) {
  t = performance.now();
  for (const f of images) cliText.push(execFileSync('tesseract', [f, 'stdout'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['ignore', 'pipe', 'ignore'] }).toString());
  cliSeconds = (performance.now() - t) / 1000;
}
images.forEach((f, i) => {
  const truth = truthOf(f);
  if (truth) cerRows.push({ file: path.basename(f), docket: characterErrorRate(docketText[i], truth), cli: cli ? characterErrorRate(cliText[i], truth) : null });
});
report({ pages: images.length, docketSeconds, cli, cliSeconds, cer: cerRows });
