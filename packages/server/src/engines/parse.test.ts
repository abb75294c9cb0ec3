// The parse engine on real documents: page texts, tables rendered in place, progress and cancellation.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../documents/load-document.ts';
import type { LoadedDocument } from '../documents/types.ts';
import { RunFailure } from '../runs/failures.ts';
import { parseEngine, type ParseOutput } from './parse.ts';
import type { EngineContext } from './types.ts';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const CORPUS = path.resolve(REPO, '../shared/corpus');
const load = (rel: string) => loadDocument(new Uint8Array(readFileSync(path.join(CORPUS, rel))), { filename: path.basename(rel) });

function context(signal = new AbortController().signal) {
  const progress: [string, number, number | null][] = [];
  const ctx: EngineContext = { signal, model: 'retab-small', progress: (s, c, t) => progress.push([s, c, t]), partial: () => {} };
  return { ctx, progress };
}

async function parse(doc: LoadedDocument, params: Record<string, unknown> = {}, ctx = context().ctx): Promise<ParseOutput> {
  return (await parseEngine(doc, params, ctx)).output as ParseOutput;
}

describe('parseEngine', () => {
  it('renders the line-item table as HTML by default, in place of its lines', async () => {
    const doc = await load('invoices/pdf/zf_zugferd_invoice.pdf');
    const out = await parse(doc);
    expect(out.pages).toHaveLength(1);
    expect(out.text).toBe(out.pages.join('\n\n'));
    expect(out.pages[0]).toContain('<table><thead><tr><th>Pos. Artikelbeschreibung</th><th>Menge</th><th>Preis</th><th>Betrag</th></tr></thead>');
    expect(out.pages[0]).toContain('<tr><td>1 Superdrachen</td><td>2</td><td>20,00</td><td>40,00</td></tr>');
    expect(out.pages[0]).not.toMatch(/^1 Superdrachen/m); // the raw table lines are replaced
    expect(out.pages[0]).toContain('Rechnungsnummer: 2014-03');
    const tableAt = out.pages[0].indexOf('<table>');
    expect(out.pages[0].indexOf('Beträge in EUR')).toBeLessThan(tableAt);
    expect(out.pages[0].indexOf('Rechnungssumme netto')).toBeGreaterThan(tableAt);
  });
  it.each([
    ['markdown', '| 1 Superdrachen | 2 | 20,00 | 40,00 |'],
    ['json', '{"Pos. Artikelbeschreibung":"1 Superdrachen","Menge":"2","Preis":"20,00","Betrag":"40,00"}'],
    ['yaml', '- Pos. Artikelbeschreibung: 1 Superdrachen\n  Menge: "2"\n  Preis: 20,00\n  Betrag: 40,00'],
    ['html', '<td>1 Superdrachen</td>'],
  ])('table_parsing_format %s', async (format, expected) => {
    const out = await parse(await load('invoices/pdf/zf_zugferd_invoice.pdf'), { table_parsing_format: format });
    expect(out.pages[0]).toContain(expected);
  });
  it('rejects an unknown table format', async () => {
    const doc = await load('invoices/pdf/zf_zugferd_invoice.pdf');
    await expect(parseEngine(doc, { table_parsing_format: 'xml' }, context().ctx)).rejects.toMatchObject({ code: 'invalid_request' });
  });
  it('multi-page documents give one string per page, with progress per page', async () => {
    const doc = await load('invoices/pdf/i2d_QualityHosting.pdf');
    const { ctx, progress } = context();
    const out = await parse(doc, { table_parsing_format: 'markdown' }, ctx);
    expect(out.pages).toHaveLength(2);
    expect(out.pages[1]).toContain('Total EUR');
    expect(progress.at(-1)).toEqual(['parsing', 2, 2]);
    expect(progress.map((p) => p[1])).toEqual([0, 1, 2]);
  });
  it('text documents parse to their text; CSV to its table', async () => {
    const txt = await loadDocument(new TextEncoder().encode('hello\nworld\fpage 2'), { filename: 'a.txt' });
    expect(await parse(txt)).toEqual({ pages: ['hello\nworld', 'page 2'], text: 'hello\nworld\n\npage 2' });
    const csv = await loadDocument(new TextEncoder().encode('a,b\n1,2\n'), { filename: 'a.csv' });
    expect((await parse(csv, { table_parsing_format: 'markdown' })).text).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |');
  });
  it('stops at the next page when cancelled', async () => {
    const doc = await loadDocument(new Uint8Array(readFileSync(path.join(CORPUS, 'tricky_pdfs/synth_1200_pages.pdf'))), { filename: 's.pdf', maxPages: 2000 });
    const ac = new AbortController();
    const progress: number[] = [];
    const ctx: EngineContext = {
      signal: ac.signal,
      model: 'retab-small',
      partial: () => {},
      progress: (_s, c) => {
        progress.push(c);
        if (c === 10) ac.abort();
      },
    };
    const err = await parseEngine(doc, {}, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunFailure);
    expect((err as RunFailure).code).toBe('cancelled');
    expect(Math.max(...progress)).toBe(10);
  });
});
