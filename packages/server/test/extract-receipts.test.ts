// Held-out check of the extraction engine on scanned receipts (SROIE): the corpus gives each receipt's OCR
// lines with boxes; they are laid out as a LoadedDocument (items grouped into lines by vertical overlap) and
// the engine reads date, total and currency. The engine's rules were not tuned on these receipts.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LoadedDocument, TextItem, TextLine } from '../src/documents/types.ts';
import { extractEngine } from '../src/engines/extract.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const TRUTH_DIR = path.resolve(REPO, '../shared/corpus/receipts/truth');

interface Receipt {
  date: string;
  total: string;
  currency: string;
  ocr_lines: { text: string; bbox_xyxy: [number, number, number, number] }[];
}

function layout(r: Receipt, filename: string): LoadedDocument {
  const items: TextItem[] = r.ocr_lines.map((l) => {
    const [x0, y0, x1, y1] = l.bbox_xyxy;
    return { text: l.text, x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  });
  items.sort((a, b) => a.y + a.height / 2 - (b.y + b.height / 2));
  const groups: TextItem[][] = [];
  for (const it of items) {
    const g = groups.find((grp) => grp.some((o) => Math.min(o.y + o.height, it.y + it.height) - Math.max(o.y, it.y) >= 0.5 * Math.min(o.height, it.height)));
    if (g) g.push(it);
    else groups.push([it]);
  }
  const lines: TextLine[] = groups.map((g) => {
    g.sort((a, b) => a.x - b.x);
    const x = g[0].x;
    const y = Math.min(...g.map((i) => i.y));
    const right = Math.max(...g.map((i) => i.x + i.width));
    const bottom = Math.max(...g.map((i) => i.y + i.height));
    return { text: g.map((i) => i.text).join('  '), x, y, width: right - x, height: bottom - y, items: g };
  });
  lines.sort((a, b) => a.y - b.y);
  const width = Math.max(...items.map((i) => i.x + i.width));
  const height = Math.max(...items.map((i) => i.y + i.height));
  return { format: 'pdf', mimeType: 'image/jpeg', filename, pages: [{ number: 1, width, height, lines, tables: [] }], pageTexts: [lines.map((l) => l.text).join('\n')] };
}

/** The printed date as ISO, independently of the engine's parser: dd/mm/yyyy, dd/mm/yy, dd-MON-yyyy. */
function isoOf(printed: string): string {
  const mons = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
  const m = /^(\d{2})[/-](\d{2}|[A-Z]{3})[/-](\d{2,4})$/.exec(printed)!;
  const month = /\d/.test(m[2]) ? m[2] : String(mons.indexOf(m[2]) + 1).padStart(2, '0');
  const year = m[3].length === 2 ? `20${m[3]}` : m[3];
  return `${year}-${month}-${m[1]}`;
}

const SCHEMA = {
  type: 'object',
  properties: {
    date: { type: 'string', format: 'date' },
    total: { type: 'number', description: 'Total amount paid' },
    currency: { type: 'string' },
  },
};

describe('extraction on SROIE receipt OCR lines (held out)', () => {
  it('reads date, total and currency', async () => {
    const files = readdirSync(TRUTH_DIR).filter((f) => f.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThan(0);
    const right = { date: 0, total: 0, currency: 0 };
    const rows: string[] = [];
    for (const file of files) {
      const truth = JSON.parse(readFileSync(path.join(TRUTH_DIR, file), 'utf8')) as Receipt;
      const { output } = await extractEngine(layout(truth, file), { json_schema: SCHEMA }, {
        signal: new AbortController().signal,
        progress: () => undefined,
        partial: () => undefined,
        model: 'retab-small',
      });
      const out = output as { date: unknown; total: unknown; currency: unknown };
      const ok = { date: out.date === isoOf(truth.date), total: out.total === Number(truth.total), currency: out.currency === truth.currency };
      for (const k of Object.keys(right) as (keyof typeof right)[]) if (ok[k]) right[k]++;
      rows.push(`${file.padEnd(28)} date ${ok.date ? '✓' : '✗'} ${out.date} | total ${ok.total ? '✓' : '✗'} ${out.total} (want ${truth.total}) | currency ${ok.currency ? '✓' : '✗'} ${out.currency}`);
    }
    console.log(`${rows.join('\n')}\n\nreceipts: ${Object.entries(right).map(([k, v]) => `${k} ${v}/${files.length}`).join(', ')}`);
    expect(right.date).toBeGreaterThanOrEqual(Math.ceil(files.length / 2));
    expect(right.total).toBeGreaterThanOrEqual(Math.ceil(files.length / 2));
  });
});
