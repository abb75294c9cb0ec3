// The extraction engine on hand-made documents: label/value layouts, schema shapes, streaming, consensus, cancel.
import { describe, expect, it } from 'vitest';
import type { LoadedDocument, TextLine } from '../documents/types.ts';
import { RunFailure } from '../runs/failures.ts';
import { loadDocument } from '../documents/load-document.ts';
import { extractEngine } from './extract.ts';
import type { EngineContext } from './types.ts';

const CHAR = 5;
/** A line from cells placed at x positions: [[x, text], ...]. */
function line(y: number, cells: [number, string][]): TextLine {
  const items = cells.map(([x, text]) => ({ text, x, y, width: text.length * CHAR, height: 10 }));
  const last = items[items.length - 1];
  return { text: cells.map((c) => c[1]).join('    '), x: items[0].x, y, width: last.x + last.width - items[0].x, height: 10, items };
}

function doc(lines: TextLine[]): LoadedDocument {
  return {
    format: 'pdf',
    mimeType: 'application/pdf',
    filename: 'test.pdf',
    pages: [{ number: 1, width: 600, height: 800, lines, tables: [] }],
    pageTexts: [lines.map((l) => l.text).join('\n')],
  };
}

function ctx(signal = new AbortController().signal) {
  const partials: unknown[] = [];
  const progress: unknown[][] = [];
  const c: EngineContext = { signal, progress: (...a: unknown[]) => void progress.push(a), partial: (o) => void partials.push(o), model: 'retab-small' };
  return { c, partials, progress };
}

const INVOICE = doc([
  line(40, [[40, 'ACME Tools GmbH · Hauptstraße 1 · 10115 Berlin']]),
  line(60, [[40, 'Rechnung']]),
  line(80, [[40, 'Rechnungsnummer:'], [200, 'RE-2024-0042'], [380, 'Kundennummer: 4711']]),
  line(95, [[40, 'Rechnungsdatum: 3. März 2024'], [380, 'Fällig am: 17.03.2024']]),
  line(110, [[40, 'Zahlungsart'], [200, 'Überweisung']]),
  line(140, [[40, 'Lieferadresse'], [300, 'Status']]),
  line(155, [[40, 'Lager Süd'], [300, 'Bezahlt: ja']]),
  line(400, [[300, 'Zwischensumme'], [480, '1.000,00 €']]),
  line(415, [[300, 'MwSt. 19%'], [480, '190,00 €']]),
  line(430, [[300, 'Gesamtbetrag'], [480, '1.190,00 €']]),
]);

describe('extractEngine', () => {
  it('reads labelled values to the right, in the same cell and in German', async () => {
    const schema = {
      type: 'object',
      properties: {
        invoiceNumber: { type: 'string' },
        invoice_date: { type: 'string', format: 'date' },
        due_date: { type: ['string', 'null'], format: 'date' },
        customer_number: { type: 'string' },
        subtotal: { type: 'number' },
        tax: { type: 'number' },
        total: { type: 'number' },
        currency: { type: 'string' },
        paid: { type: 'boolean', description: 'Bezahlt' },
        payment_method: { type: 'string' },
      },
    };
    const { output, consensus } = await extractEngine(INVOICE, { json_schema: schema }, ctx().c);
    expect(output).toEqual({
      invoiceNumber: 'RE-2024-0042',
      invoice_date: '2024-03-03',
      due_date: '2024-03-17',
      customer_number: '4711',
      subtotal: 1000,
      tax: 190,
      total: 1190,
      currency: 'EUR',
      paid: true,
      payment_method: 'Überweisung',
    });
    const lk = (consensus as { likelihoods: Record<string, number> }).likelihoods;
    for (const v of Object.values(lk)) expect(v).toBeGreaterThan(0.3);
    for (const v of Object.values(lk)) expect(v).toBeLessThanOrEqual(1);
  });

  it('handles nested objects, enums, $refs, nullable unions and arrays of scalars', async () => {
    const schema = {
      type: 'object',
      $defs: { Money: { type: 'object', properties: { amount: { type: 'number' }, currency: { type: 'string' } } } },
      properties: {
        document_type: { enum: ['invoice', 'receipt', 'credit_note'] },
        totals: { type: 'object', properties: { total: { $ref: '#/$defs/Money' } } },
        vendor: { type: 'object', properties: { name: { anyOf: [{ type: 'string' }, { type: 'null' }] } } },
        ship_to: { type: ['string', 'null'] },
        vat_rates: { type: 'array', items: { type: 'number' }, description: 'MwSt' },
      },
    };
    const { output, consensus } = await extractEngine(INVOICE, { json_schema: schema }, ctx().c);
    expect(output).toMatchObject({
      document_type: 'invoice',
      vendor: { name: 'ACME Tools GmbH' },
      ship_to: 'Lager Süd',
    });
    const out = output as { totals: { total: { amount: number; currency: string } } };
    expect(out.totals.total.currency).toBe('EUR');
    const lk = (consensus as { likelihoods: { totals: { total: { currency: number } }; vat_rates: number[] } }).likelihoods;
    expect(typeof lk.totals.total.currency).toBe('number');
    expect(Array.isArray(lk.vat_rates)).toBe(true);
  });

  it('reads a value printed under its header (same column)', async () => {
    const d = doc([
      line(100, [[40, 'Invoice Date:'], [200, 'Due Date:'], [380, 'Reference:']]),
      line(115, [[40, '03/20/2023'], [200, '04/04/2023'], [380, 'CUSTREF123']]),
      line(300, [[300, 'Total'], [480, '$ 279.84']]),
    ]);
    const schema = { type: 'object', properties: { date: { type: 'string', format: 'date' }, due_date: { type: 'string', format: 'date' }, total: { type: 'number' }, currency: { type: 'string' } } };
    const { output } = await extractEngine(d, { json_schema: schema }, ctx().c);
    expect(output).toEqual({ date: '2023-03-20', due_date: '2023-04-04', total: 279.84, currency: 'USD' });
  });

  it('streams partial output per top-level field and reports progress', async () => {
    const schema = { type: 'object', properties: { invoice_number: { type: 'string' }, total: { type: 'number' }, note: { type: 'string' } } };
    const { c, partials, progress } = ctx();
    await extractEngine(INVOICE, { json_schema: schema }, c);
    expect(partials).toEqual([{ invoice_number: 'RE-2024-0042' }, { invoice_number: 'RE-2024-0042', total: 1190 }, { invoice_number: 'RE-2024-0042', total: 1190, note: null }]);
    expect(progress).toEqual([
      ['extracting', 0, 3, 'fields'],
      ['extracting', 1, 3, 'fields'],
      ['extracting', 2, 3, 'fields'],
      ['extracting', 3, 3, 'fields'],
    ]);
  });

  it('reconciles N readings when n_consensus > 1: choices are the readings, likelihoods their agreement', async () => {
    const schema = { type: 'object', properties: { total: { type: 'number' } } };
    const one = await extractEngine(INVOICE, { json_schema: schema }, ctx().c);
    expect(one.consensus).toMatchObject({ choices: [] });
    const three = await extractEngine(INVOICE, { json_schema: schema, n_consensus: 3 }, ctx().c);
    expect(three.output).toEqual({ total: 1190 });
    const { choices, likelihoods } = three.consensus as { choices: { total: number }[]; likelihoods: { total: number } };
    expect(choices).toHaveLength(3);
    expect(choices[0]).toEqual({ total: 1190 });
    // The likelihood is the share of readings that agree with the output (k of 3).
    expect(likelihoods.total).toBe(Math.round((choices.filter((c) => c.total === 1190).length / 3) * 100) / 100);
  });

  it('stops with a cancelled failure when the signal is aborted', async () => {
    const ac = new AbortController();
    const schema = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } };
    const c = ctx(ac.signal).c;
    c.partial = () => ac.abort();
    await expect(extractEngine(INVOICE, { json_schema: schema }, c)).rejects.toMatchObject({ code: 'cancelled' });
    await expect(extractEngine(INVOICE, { json_schema: 'nope' }, ctx().c)).rejects.toBeInstanceOf(RunFailure);
  });

  it('extracts from a markdown document loaded by the real loader, pipe-table line items included', async () => {
    const text = [
      'ACME Corp Ltd.',
      'INVOICE',
      '',
      'Invoice No: INV-889',
      'Invoice Date: 5 January 2024',
      'Bill To: Jane Doe',
      '',
      '| Description | Qty | Unit Price | Amount |',
      '|---|---|---|---|',
      '| Widget | 2 | 10.00 | 20.00 |',
      '| Gadget | 1 | 5.50 | 5.50 |',
      '',
      'Subtotal: 25.50',
      'VAT 20%: 5.10',
      'Total: 30.60 EUR',
    ].join('\n');
    const md = await loadDocument(new TextEncoder().encode(text), { filename: 'inv.md' });
    const schema = {
      type: 'object',
      properties: {
        invoice_number: { type: 'string' },
        date: { type: 'string', format: 'date' },
        customer: { type: 'string' },
        vendor: { type: 'string' },
        subtotal: { type: 'number' },
        total: { type: 'number' },
        currency: { type: 'string' },
        line_items: { type: 'array', items: { type: 'object', properties: { description: { type: 'string' }, quantity: { type: 'integer' }, unit_price: { type: 'number' }, amount: { type: 'number' } } } },
      },
    };
    const { output } = await extractEngine(md, { json_schema: schema }, ctx().c);
    expect(output).toEqual({
      invoice_number: 'INV-889',
      date: '2024-01-05',
      customer: 'Jane Doe',
      vendor: 'ACME Corp Ltd.',
      subtotal: 25.5,
      total: 30.6,
      currency: 'EUR',
      line_items: [
        { description: 'Widget', quantity: 2, unit_price: 10, amount: 20 },
        { description: 'Gadget', quantity: 1, unit_price: 5.5, amount: 5.5 },
      ],
    });
  });
});
