// Table detection on real invoices with line-item tables, and the conservative cases that are not tables.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPdf } from './pdf-loader.ts';
import { detectTables } from './tables.ts';
import type { LoadedDocument, Page, Table, TextLine } from './types.ts';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const CORPUS = path.resolve(REPO, '../shared/corpus');
const load = (name: string): Promise<LoadedDocument> => loadPdf(new Uint8Array(readFileSync(path.join(CORPUS, 'invoices/pdf', name))), { filename: name });
const truth = (name: string) => JSON.parse(readFileSync(path.join(CORPUS, 'invoices/truth', name.replace('.pdf', '.json')), 'utf8'));
const allTables = (doc: LoadedDocument): Table[] => doc.pages.flatMap((p) => p.tables);
const amount = (s: string) => Number(s.replace(/[^\d,.-]/g, '').replace(/\.(?=\d{3}\b)/g, '').replace(',', '.'));

describe('line-item tables on invoices', () => {
  it('zf_zugferd_invoice: header plus seven item rows', async () => {
    const [t] = allTables(await load('zf_zugferd_invoice.pdf'));
    expect(t.hasHeader).toBe(true);
    expect(t.rows[0]).toEqual(['Pos. Artikelbeschreibung', 'Menge', 'Preis', 'Betrag']);
    expect(t.rows.slice(1).map((r) => r[3])).toEqual(['40,00', '200,00', '180,00', '150,00', '200,00', '75,00', '0,00']);
    expect(t.rows[1]).toEqual(['1 Superdrachen', '2', '20,00', '40,00']);
  });
  it('i2d_QualityHosting: wrapped descriptions fold into their row, multi-line header joins', async () => {
    const doc = await load('i2d_QualityHosting.pdf');
    const t = doc.pages[0].tables.find((x) => x.rows[0].includes('Pos.'))!;
    expect(t.hasHeader).toBe(true);
    expect(t.rows[0]).toContain('Zeilenbetrag Ohne MwSt.');
    const first = t.rows.find((r) => r[0] === '1')!;
    expect(first).toContain('3,89');
    expect(first.find((c) => c.startsWith('Small Business'))).toBe('Small Business StandardExchange 2010 Grundgebühr pro Einheit Dienst: OUDJQ_strukan 01.05.14-31.05.14');
    const items = allTables(doc).flatMap((x) => x.rows).filter((r) => /^\d$/.test(r[0]));
    expect(items.map((r) => r[0])).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });
  it('i2d_coolblue2: every line item amount is in a table row', async () => {
    const doc = await load('i2d_coolblue2.pdf');
    const rows = allTables(doc).flatMap((t) => t.rows);
    for (const item of truth('i2d_coolblue2.pdf').line_items) {
      const row = rows.find((r) => r[0].startsWith(item.description));
      expect(row, item.description).toBeDefined();
      expect(amount(row![row!.length - 1])).toBeCloseTo(item.amount, 2);
    }
    expect(doc.pages[0].tables[0].rows[0][0]).toBe('Artikel');
  });
  it('i2d_AmazonWebServices: service charges form a two-column amount table', async () => {
    const rows = allTables(await load('i2d_AmazonWebServices.pdf')).flatMap((t) => t.rows);
    for (const item of truth('i2d_AmazonWebServices.pdf').line_items) {
      const row = rows.find((r) => r[0] === item.description);
      expect(row, item.description).toBeDefined();
      expect(amount(row![1])).toBeCloseTo(item.amount, 2);
    }
  });
  it('table line ranges point at the lines they were built from', async () => {
    const doc = await load('zf_zugferd_invoice.pdf');
    const page = doc.pages[0];
    const t = page.tables[0];
    expect(page.lines[t.lineStart].text).toMatch(/^Pos\. Artikelbeschreibung/);
    expect(page.lines[t.lineEnd - 1].text).toMatch(/^7 Kostenlose Zugabe/);
  });
});

describe('conservative: not tables', () => {
  it('form-like label/value blocks are not tables', async () => {
    const doc = await load('zf_ZTESTZUGFERD_1_INVDSS_012015738820PDF-1.pdf');
    for (const t of allTables(doc)) expect(t.rows.flat().join(' ')).not.toContain('Rechnungsnummer:');
    const amazon = await load('i2d_AmazonWebServices.pdf');
    for (const t of allTables(amazon)) expect(t.rows.flat().join(' ')).not.toContain('Invoice Number:');
  });
  const line = (y: number, cells: [string, number][]): TextLine => {
    const items = cells.map(([text, x]) => ({ text, x, y, width: text.length * 5, height: 10 }));
    return { text: cells.map((c) => c[0]).join('   '), x: items[0].x, y, width: 300, height: 10, items };
  };
  const page = (lines: TextLine[]): Page => ({ number: 1, width: 600, height: 800, lines, tables: [] });
  it('a two-column "Label: value" block is not a table', () => {
    const p = page([
      line(100, [['Invoice number:', 50], ['12345', 200]]),
      line(114, [['Date:', 50], ['12.03.2024', 200]]),
      line(128, [['Customer no:', 50], ['778', 200]]),
      line(142, [['Total:', 50], ['99,00', 200]]),
    ]);
    expect(detectTables(p)).toEqual([]);
  });
  it('aligned text without values is not a table', () => {
    const p = page([
      line(100, [['Company', 50], ['Board', 250], ['Bank', 450]]),
      line(110, [['Street 1', 50], ['Jane Doe', 250], ['Some Bank', 450]]),
      line(120, [['Town', 50], ['John Roe', 250], ['IBAN DE00 1234', 450]]),
    ]);
    expect(detectTables(p)).toEqual([]);
  });
  it('the same grid with numeric values is a table', () => {
    const p = page([
      line(100, [['Item', 50], ['Qty', 250], ['Price', 450]]),
      line(114, [['Tea', 50], ['2', 250], ['3.50', 450]]),
      line(128, [['Cake', 50], ['1', 250], ['4.00', 450]]),
    ]);
    const [t] = detectTables(p);
    expect(t).toMatchObject({ hasHeader: true, lineStart: 0, lineEnd: 3 });
    expect(t.rows).toEqual([
      ['Item', 'Qty', 'Price'],
      ['Tea', '2', '3.50'],
      ['Cake', '1', '4.00'],
    ]);
  });
});
