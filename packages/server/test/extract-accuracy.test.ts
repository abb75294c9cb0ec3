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
});
