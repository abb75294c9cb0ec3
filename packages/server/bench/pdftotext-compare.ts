// (f) parse pages/s beside poppler's pdftotext (-layout), measured in the same run on the same files:
// the corpus text PDFs, and corpus/tricky_pdfs/synth_1200_pages.pdf alone, with peak RSS of each.
// pdftotext comes from Debian's poppler-utils, installed here with apt-get when missing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CORPUS, runChild } from './util.ts';

export interface ParseCompare {
  label: string;
  files: number;
  pages: number;
  docket: { seconds: number; maxRssKiB: number };
  pdftotext: { seconds: number; maxRssKiB: number };
}

function ensurePdftotext(): void {
  if (spawnSync('pdftotext', ['-v']).status === 0 || existsSync('/usr/bin/pdftotext')) return;
  process.stderr.write('installing poppler-utils (apt-get)…\n');
  spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils'], { stdio: 'ignore' });
  if (!existsSync('/usr/bin/pdftotext')) throw new Error('pdftotext is not available and could not be installed');
}

/** pdftotext -layout on each file, one after another; wall time and the largest peak RSS (GNU time). */
function pdftotext(files: string[]): { seconds: number; maxRssKiB: number } {
  const t0 = performance.now();
  let maxRssKiB = 0;
  for (const f of files) {
    const r = spawnSync('/usr/bin/time', ['-f', '%M', 'pdftotext', '-q', '-layout', f, '/dev/null'], { encoding: 'utf8' });
    const rss = Number(r.stderr.trim().split('\n').pop());
    if (Number.isFinite(rss)) maxRssKiB = Math.max(maxRssKiB, rss);
  }
  return { seconds: (performance.now() - t0) / 1000, maxRssKiB };
}

/** Text PDFs of the corpus that both tools read (no password, not deliberately broken). */
function corpusPdfs(): string[] {
  const dirs = ['invoices/pdf', 'multidoc', 'forms'];
  return dirs.flatMap((d) => readdirSync(path.join(CORPUS, d)).filter((f) => f.endsWith('.pdf')).map((f) => path.join(CORPUS, d, f))).sort();
}

export async function parseVsPdftotext(): Promise<ParseCompare[]> {
  ensurePdftotext();
  const sets: [string, string[]][] = [
    ['corpus PDFs (invoices, multidoc, forms)', corpusPdfs()],
    ['tricky_pdfs/synth_1200_pages.pdf', [path.join(CORPUS, 'tricky_pdfs/synth_1200_pages.pdf')]],
  ];
  const out: ParseCompare[] = [];
  for (const [label, files] of sets) {
    const d = await runChild<{ pages: number; seconds: number; maxRssKiB: number }>('docket-parse-files.ts', [JSON.stringify(files)]);
    out.push({ label, files: files.length, pages: d.pages, docket: { seconds: d.seconds, maxRssKiB: d.maxRssKiB }, pdftotext: pdftotext(files) });
  }
  return out;
}
