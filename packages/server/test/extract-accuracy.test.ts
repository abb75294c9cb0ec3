// Accuracy of the built-in extraction engine on the real invoices of the shared corpus: every PDF in
// corpus/invoices/pdf is loaded with the real loader, extracted with an invoice schema, and compared with
// corpus/invoices/truth/<name>.json. Prints a per-document table and per-field accuracy.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../src/documents/load-document.ts';
import type { LoadedDocument } from '../src/documents/types.ts';
import { extractEngine } from '../src/engines/extract.ts';
import type { EngineContext } from '../src/engines/types.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CORPUS = path.resolve(REPO, '../shared/corpus');
const PDF_DIR = path.join(CORPUS, 'invoices/pdf');
const TRUTH_DIR = path.join(CORPUS, 'invoices/truth');

type Truth = Record<string, unknown> & { line_items: Record<string, unknown>[] };

const INVOICE_SCHEMA = {
  type: 'object',
  properties: {
    invoice_number: { type: 'string', description: 'The invoice number (document number) printed on the invoice' },
    date: { type: 'string', format: 'date', description: 'The invoice issue date' },
    currency: { type: 'string', description: 'ISO 4217 currency code of the amounts' },
    total: { type: 'number', description: 'The total amount including taxes' },
  },
};

const RICH_SCHEMA = {
  type: 'object',
  properties: {
    vendor: { type: ['string', 'null'], description: 'Name of the company that issued the invoice' },
    customer: { type: ['string', 'null'], description: 'Name of the customer billed' },
    due_date: { anyOf: [{ type: 'string', format: 'date' }, { type: 'null' }], description: 'Payment due date' },
    line_items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          description: { type: 'string' },
          quantity: { type: ['number', 'null'] },
          unit_price: { type: ['number', 'null'] },
          amount: { type: ['number', 'null'] },
        },
      },
    },
  },
};

export function context(): EngineContext & { partials: unknown[]; progressCalls: unknown[][] } {
  const partials: unknown[] = [];
  const progressCalls: unknown[][] = [];
  return {
    signal: new AbortController().signal,
    progress: (...args: unknown[]) => void progressCalls.push(args),
    partial: (o: unknown) => void partials.push(o),
    model: 'retab-small',
    partials,
    progressCalls,
  };
}

const normId = (v: unknown) => (typeof v === 'string' ? v.toLowerCase().replace(/\s+/g, '').replace(/^#/, '') : v);
const sameAmount = (a: unknown, b: unknown) => typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 0.005;

const COMPARE: Record<string, (got: unknown, want: unknown) => boolean> = {
  invoice_number: (g, w) => normId(g) === normId(w),
  date: (g, w) => g === w,
  currency: (g, w) => typeof g === 'string' && g.toUpperCase() === w,
  total: sameAmount,
};

const names = readdirSync(PDF_DIR).filter((f) => f.endsWith('.pdf')).sort();
const docs = new Map<string, LoadedDocument>();
const truths = new Map<string, Truth>();

beforeAll(async () => {
  for (const file of names) {
    const name = file.replace(/\.pdf$/, '');
    docs.set(name, await loadDocument(new Uint8Array(readFileSync(path.join(PDF_DIR, file))), { filename: file }));
    truths.set(name, JSON.parse(readFileSync(path.join(TRUTH_DIR, `${name}.json`), 'utf8')) as Truth);
  }
});

describe('extraction accuracy on corpus invoices', () => {
  it('finds invoice_number, date, currency and total on most invoices', async () => {
    expect(names.length).toBe(20);
    const fields = Object.keys(INVOICE_SCHEMA.properties);
    const right: Record<string, number> = Object.fromEntries(fields.map((f) => [f, 0]));
    const rows: string[] = [];
    for (const [name, doc] of docs) {
      const truth = truths.get(name)!;
      const { output, consensus } = await extractEngine(doc, { json_schema: INVOICE_SCHEMA }, context());
      const out = output as Record<string, unknown>;
      const likelihoods = (consensus as { likelihoods: Record<string, number> }).likelihoods;
      const cells = fields.map((f) => {
        const ok = COMPARE[f](out[f], truth[f]);
        if (ok) right[f]++;
        return `${ok ? '✓' : '✗'} ${JSON.stringify(out[f])}${ok ? '' : ` (want ${JSON.stringify(truth[f])})`} @${likelihoods[f]}`;
      });
      rows.push(`${name.padEnd(44)} ${cells.join(' | ')}`);
    }
    console.log(`${rows.join('\n')}\n\nper-field accuracy: ${fields.map((f) => `${f} ${right[f]}/${names.length}`).join(', ')}`);
    expect(right.invoice_number).toBeGreaterThanOrEqual(12);
    expect(right.total).toBeGreaterThanOrEqual(12);
  });

  it('reads vendor, customer, due date and line items where the layout states them', async () => {
    const loose = (v: unknown) => (typeof v === 'string' ? v.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '') : v);
    const nameOk = (got: unknown, want: unknown) =>
      want === null
        ? got === null
        : typeof got === 'string' && got.length > 1 && ((loose(want) as string).startsWith(loose(got) as string) || (loose(got) as string).startsWith(loose(want) as string));
    const counts = { vendor: 0, customer: 0, due_date: 0, line_items: 0 };
    const rows: string[] = [];
    const outputs = new Map<string, Record<string, unknown>>();
    for (const [name, doc] of docs) {
      const truth = truths.get(name)!;
      const ctx = context();
      const { output, consensus } = await extractEngine(doc, { json_schema: RICH_SCHEMA }, ctx);
      const out = output as Record<string, unknown>;
      outputs.set(name, out);
      // The likelihoods tree mirrors the output: one entry per line item, a number per scalar leaf.
      const lk = (consensus as { likelihoods: Record<string, unknown> }).likelihoods;
      expect((lk.line_items as unknown[]).length).toBe((out.line_items as unknown[]).length);
      expect(ctx.partials.length).toBe(4);
      const items = out.line_items as Record<string, unknown>[];
      const wantItems = truth.line_items;
      const itemsOk =
        items.length === wantItems.length &&
        items.every((it, i) => sameAmount(it.amount, wantItems[i].amount ?? wantItems[i].amount_net) && (wantItems[i].quantity === undefined || it.quantity === wantItems[i].quantity));
      const ok = {
        vendor: nameOk(out.vendor, truth.vendor),
        customer: nameOk(out.customer, truth.customer),
        due_date: out.due_date === truth.due_date,
        line_items: itemsOk,
      };
      for (const k of Object.keys(counts) as (keyof typeof counts)[]) if (ok[k]) counts[k]++;
      rows.push(
        `${name.padEnd(44)} vendor ${ok.vendor ? '✓' : '✗'} ${JSON.stringify(out.vendor)} | customer ${ok.customer ? '✓' : '✗'} ${JSON.stringify(out.customer)} | due ${ok.due_date ? '✓' : '✗'} ${JSON.stringify(out.due_date)} | items ${ok.line_items ? '✓' : '✗'} ${items.length}/${wantItems.length}`,
      );
    }
    console.log(`${rows.join('\n')}\n\nrich schema: ${Object.entries(counts).map(([k, v]) => `${k} ${v}/${names.length}`).join(', ')}`);

    // Values checked by hand against the printed pages.
    expect(outputs.get('zf_EN16931_Einfach')).toMatchObject({ vendor: 'Lieferant GmbH', customer: 'Kunden AG Mitte' });
    expect(outputs.get('i2d_AmazonWebServices')).toMatchObject({ vendor: 'Amazon Web Services, Inc.', customer: 'iViveLabs Limited' });
    expect(outputs.get('pdfminer_faktura_FV_1_2021')).toMatchObject({ vendor: 'Test itp', customer: 'Wirtualna Polska Media Spółka Akcyjna', due_date: '2021-05-03' });
    expect(outputs.get('i2d_SammyMaystoneLinesTest')).toMatchObject({ customer: 'Taylor Riddel', due_date: '2022-01-31' });
    expect(outputs.get('i2d_saeco')).toMatchObject({ customer: 'Strategic Corp', due_date: '2022-09-22' });
    expect(outputs.get('zf_zugferd_invoice')!.line_items).toEqual(
      truths.get('zf_zugferd_invoice')!.line_items.map((it) => ({ description: it.description, quantity: it.quantity, unit_price: (it.amount as number) / (it.quantity as number), amount: it.amount })),
    );
    expect(outputs.get('i2d_coolblue1')!.line_items).toEqual(
      expect.arrayContaining([{ description: 'Apple iPad Air Wifi 16 GB Zilver', quantity: 1, unit_price: 399, amount: 399 }, { description: 'Mario Kart 7 3DS', quantity: 1, unit_price: 44.99, amount: 44.99 }]),
    );
    expect(outputs.get('zf_EN16931_Einfach')!.line_items).toEqual([
      { description: 'Trennblätter A4', quantity: 20, unit_price: 9.9, amount: 198 },
      { description: 'Joghurt Banane', quantity: 50, unit_price: 5.5, amount: 275 },
    ]);
    expect(counts.vendor).toBeGreaterThanOrEqual(11);
    expect(counts.customer).toBeGreaterThanOrEqual(13);
    expect(counts.due_date).toBeGreaterThanOrEqual(15);
    expect(counts.line_items).toBeGreaterThanOrEqual(10);
  });

  it('returns null (likelihood 0) for fields a document does not contain', async () => {
    const schema = {
      type: 'object',
      properties: {
        invoice_number: { type: 'string' },
        iban: { type: ['string', 'null'], description: 'Bank account IBAN' },
        purchase_order: { type: ['string', 'null'], description: 'Purchase order number' },
        flight_number: { type: ['string', 'null'] },
        discount_rate: { type: ['number', 'null'] },
      },
    };
    const { output, consensus } = await extractEngine(docs.get('i2d_AmazonWebServices')!, { json_schema: schema }, context());
    expect(output).toEqual({ invoice_number: '42183017', iban: null, purchase_order: null, flight_number: null, discount_rate: null });
    expect((consensus as { likelihoods: Record<string, number> }).likelihoods).toMatchObject({ iban: 0, purchase_order: 0, flight_number: 0, discount_rate: 0 });
    const coolblue = await extractEngine(docs.get('i2d_coolblue1')!, { json_schema: schema }, context());
    expect(coolblue.output).toMatchObject({ invoice_number: '993548900', iban: 'NL50INGB0683251309', purchase_order: null, flight_number: null });
  });
});

