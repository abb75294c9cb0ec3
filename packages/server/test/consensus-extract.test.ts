// n_consensus on extractions through the HTTP API on real corpus invoices: N readings come back as
// `choices`, likelihoods mirror the output's shape (numbers per scalar, objects per object, one entry per
// output item), each likelihood is a share of the N readings, and reading 0 is the n_consensus 1 answer.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, mimeData, startTestServer, type TestServer } from './support/test-server.ts';

const PDF_DIR = path.join(CORPUS, 'invoices/pdf');
const TRUTH_DIR = path.join(CORPUS, 'invoices/truth');
const SCHEMA = {
  type: 'object',
  properties: {
    invoice_number: { type: 'string', description: 'The invoice number (document number) printed on the invoice' },
    date: { type: 'string', format: 'date', description: 'The invoice issue date' },
    currency: { type: 'string', description: 'ISO 4217 currency code of the amounts' },
    total: { type: 'number', description: 'The total amount including taxes' },
    vendor: { type: ['string', 'null'], description: 'Name of the company that issued the invoice' },
    line_items: {
      type: 'array',
      items: { type: 'object', properties: { description: { type: 'string' }, quantity: { type: ['number', 'null'] }, amount: { type: ['number', 'null'] } } },
    },
  },
};

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ concurrency: 2 });
});
afterAll(async () => srv?.close());

async function extract(file: string, n: number): Promise<{ status: string; output: Record<string, unknown>; consensus: { choices: unknown[]; likelihoods: unknown } }> {
  const res = await fetch(`${srv.baseURL}/v1/extractions`, {
    method: 'POST',
    headers: { 'api-key': srv.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ document: await mimeData(path.join(PDF_DIR, file)), json_schema: SCHEMA, n_consensus: n }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as never;
}

/** Likelihoods have the output's shape; every leaf is a share k/n of the votes. */
function expectMirror(value: unknown, lk: unknown, n: number, where = '$'): void {
  if (Array.isArray(value)) {
    expect(Array.isArray(lk), where).toBe(true);
    expect((lk as unknown[]).length, where).toBe(value.length);
    value.forEach((v, i) => expectMirror(v, (lk as unknown[])[i], n, `${where}[${i}]`));
  } else if (value !== null && typeof value === 'object') {
    expect(Object.keys(lk as object).sort(), where).toEqual(Object.keys(value).sort());
    for (const [k, v] of Object.entries(value)) expectMirror(v, (lk as Record<string, unknown>)[k], n, `${where}.${k}`);
  } else {
    expect(typeof lk, where).toBe('number');
    const shares = Array.from({ length: n + 1 }, (_, k) => Math.round((k / n) * 100) / 100);
    expect(shares, `${where} = ${String(lk)}`).toContain(lk);
  }
}

describe('n_consensus on corpus invoices over HTTP', () => {
  const FILES = ['zf_EN16931_Einfach.pdf', 'i2d_QualityHosting.pdf', 'i2d_AzureInterior.pdf'];

  it('n_consensus 3 returns three choices and likelihoods in the shape of the output', async () => {
    const run = await extract('zf_EN16931_Einfach.pdf', 3);
    expect(run.status).toBe('completed');
    expect(run.consensus.choices).toHaveLength(3);
    for (const c of run.consensus.choices) expect(Object.keys(c as object).sort()).toEqual(Object.keys(SCHEMA.properties).sort());
    expectMirror(run.output, run.consensus.likelihoods, 3);
    const truth = JSON.parse(readFileSync(path.join(TRUTH_DIR, 'zf_EN16931_Einfach.json'), 'utf8'));
    expect(run.output.invoice_number).toBe(truth.invoice_number);
    expect(run.output.total).toBe(truth.total);
    expect((run.output.line_items as unknown[]).length).toBe(truth.line_items.length);
  });

  it('reading 0 is the n_consensus 1 answer; n_consensus 1 has no choices', async () => {
    for (const f of FILES) {
      const one = await extract(f, 1);
      expect(one.consensus.choices).toEqual([]);
      const three = await extract(f, 3);
      expect(three.consensus.choices[0], f).toEqual(one.output);
    }
  });

  it('the readings are genuinely different: some field is read differently on some invoice, and its likelihood drops', async () => {
    let differing = 0;
    for (const f of FILES) {
      const run = await extract(f, 5);
      expect(run.consensus.choices).toHaveLength(5);
      expectMirror(run.output, run.consensus.likelihoods, 5);
      const choices = run.consensus.choices as Record<string, unknown>[];
      for (const key of Object.keys(SCHEMA.properties)) {
        const distinct = new Set(choices.map((c) => JSON.stringify(c[key])));
        if (distinct.size > 1) {
          differing++;
          const lk = (run.consensus.likelihoods as Record<string, unknown>)[key];
          if (typeof lk === 'number') expect(lk, `${f} ${key}`).toBeLessThan(1);
        }
      }
    }
    expect(differing).toBeGreaterThan(0);
  });
});
