// Parse, classify, split, partition and edit on an LLM model, against the OpenAI-compatible test server.
// The test server answers from what the prompt shows (page markers, the schema's enums), so these check
// what Docket sends, how it reads the answers, and how it stitches page chunks of a long document.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promptText, type ChatBody } from './support/openai-test-server.ts';
import { invoiceDoc, startLlmSetup, type LlmSetup } from './support/llm-docket.ts';
import { CORPUS, mimeData } from './support/test-server.ts';

const MULTIDOC = path.join(CORPUS, 'multidoc/concat_mixed_7docs.pdf');
// Page → (kind, instance start) of concat_mixed_7docs.pdf, from corpus/multidoc/SEGMENTS.json.
const KIND = ['receipt', 'invoice', 'invoice', 'invoice', 'other', 'invoice', 'invoice', 'credit_note', 'invoice'];
const STARTS = new Set([1, 2, 3, 5, 6, 8, 9]);
const TRUTH = [
  { name: 'receipt', pages: [1] },
  { name: 'invoice', pages: [2] },
  { name: 'invoice', pages: [3, 4] },
  { name: 'other', pages: [5] },
  { name: 'invoice', pages: [6, 7] },
  { name: 'credit_note', pages: [8] },
  { name: 'invoice', pages: [9] },
];
const SUBDOCS = ['receipt', 'invoice', 'credit_note', 'other'].map((name) => ({ name, description: `a ${name}`, allow_multiple_instances: name === 'invoice' }));

const pagesIn = (body: ChatBody) => [...promptText(body).matchAll(/<page number="(\d+)">/g)].map((m) => Number(m[1]));
const schemaOf = (body: ChatBody) => body.response_format!.json_schema!.schema as any;

let t: LlmSetup;
beforeAll(async () => {
  t = await startLlmSetup({ models: { 'retab-large': {}, tiny: { context_tokens: 1500, max_output_tokens: 300 } } });
});
afterAll(async () => t?.close());

describe('classification', () => {
  it('answers one of the categories (an enum in the schema); n_consensus votes by majority', async () => {
    const categories = [{ name: 'invoice', description: 'a bill' }, { name: 'receipt', description: 'proof of payment' }];
    let before = t.llm.requests.length;
    t.llm.respond = (body) => {
      expect(schemaOf(body).properties.category.enum).toEqual(['invoice', 'receipt']);
      return { content: JSON.stringify({ reasoning: 'It lists charges and a total due.', category: 'invoice' }) };
    };
    const one = await t.call('POST', '/v1/classifications', { document: await invoiceDoc(), categories, model: 'retab-large' });
    expect(one.body.error).toBeNull();
    expect(one.body.output).toEqual({ reasoning: 'It lists charges and a total due.', category: 'invoice' });
    expect(promptText(t.llm.requests[before].body)).toContain('proof of payment');

    before = t.llm.requests.length;
    t.llm.respond = (_b, i) => ({ content: JSON.stringify({ reasoning: 'r', category: i === before + 2 ? 'receipt' : 'invoice' }) });
    const three = await t.call('POST', '/v1/classifications', { document: await invoiceDoc(), categories, model: 'retab-large', n_consensus: 3 });
    expect(three.body.output.category).toBe('invoice');
    expect(three.body.consensus.likelihoods).toBeCloseTo(0.667, 2);
    expect(three.body.consensus.choices).toHaveLength(3);
  });
});

describe('split', () => {
  const answer = (body: ChatBody) => {
    const pages = pagesIn(body);
    const subdocuments: { name: string; start_page: number; end_page: number }[] = [];
    for (const p of pages) {
      const last = subdocuments.at(-1);
      if (last && !STARTS.has(p) && KIND[p - 1] === last.name) last.end_page = p;
      else subdocuments.push({ name: KIND[p - 1], start_page: p, end_page: p });
    }
    return { content: JSON.stringify({ continues_previous: !STARTS.has(pages[0]), subdocuments }) };
  };

  it('page ranges per subdocument instance', async () => {
    t.llm.respond = answer;
    const r = await t.call('POST', '/v1/splits', { document: await mimeData(MULTIDOC), subdocuments: SUBDOCS, model: 'retab-large' });
    expect(r.body.error).toBeNull();
    expect(r.body.output).toEqual(TRUTH);
  });

  it('a long document is split chunk by chunk and instances are stitched across chunk boundaries', async () => {
    const before = t.llm.requests.length;
    t.llm.respond = answer;
    const r = await t.call('POST', '/v1/splits', { document: await mimeData(MULTIDOC), subdocuments: SUBDOCS, model: 'tiny' });
    const chunks = t.llm.requests.slice(before).map((q) => pagesIn(q.body));
    console.log(`split, context_tokens 1500: chunks ${JSON.stringify(chunks)}`);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flat()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.body.output).toEqual(TRUTH);
  });
});

describe('partition', () => {
  it('one chunk per key value; chunks of a long document with the same key are stitched', async () => {
    const keyOf = (p: number) => `K-${[...STARTS].filter((s) => s <= p).pop()}`;
    const before = t.llm.requests.length;
    t.llm.respond = (body) => {
      const parts = new Map<string, number[]>();
      for (const p of pagesIn(body)) parts.set(keyOf(p), [...(parts.get(keyOf(p)) ?? []), p]);
      return { content: JSON.stringify({ partitions: [...parts].map(([key, pages]) => ({ key, pages })) }) };
    };
    const r = await t.call('POST', '/v1/partitions', { document: await mimeData(MULTIDOC), key: 'document number', instructions: 'One chunk per document.', model: 'tiny' });
    expect(r.body.error).toBeNull();
    expect(t.llm.requests.length - before).toBeGreaterThan(1);
    expect(promptText(t.llm.requests[before].body)).toContain('document number');
    expect(r.body.output).toEqual(TRUTH.map((s) => ({ key: `K-${s.pages[0]}`, pages: s.pages })));
  });
});

describe('parse', () => {
  it('keeps the local parse and has the model clean up each page (one call per page)', async () => {
    const before = t.llm.requests.length;
    t.llm.respond = (body) => {
      const m = /Page (\d+) of/.exec(promptText(body))!;
      return { content: JSON.stringify({ content: Number(m[1]) === 2 ? '' : `# Cleaned page ${m[1]}` }) };
    };
    const r = await t.call('POST', '/v1/parses', { document: await mimeData(path.join(CORPUS, 'multidoc/pdfjs_doc_1_3_pages.pdf')), model: 'retab-large', table_parsing_format: 'markdown' });
    expect(r.body.error).toBeNull();
    expect(t.llm.requests.length - before).toBe(3);
    expect(r.body.output.pages[0]).toBe('# Cleaned page 1');
    expect(r.body.output.pages[1].length).toBeGreaterThan(0); // an empty answer keeps the local text
    expect(r.body.output.pages[1]).not.toMatch(/Cleaned/);
    expect(r.body.output.text).toContain('# Cleaned page 3');
  });
});

describe('edit', () => {
  it('the model proposes field values; the local filling code writes them into the PDF', async () => {
    const before = t.llm.requests.length;
    t.llm.respond = (body) => {
      const keys: string[] = schemaOf(body).properties.values.items.properties.key.enum;
      expect(keys).toContain('Name_First');
      return { content: JSON.stringify({ values: [{ key: 'Name_First', value: 'Jane' }, { key: 'Name_Last', value: 'Roe' }, { key: 'City', value: null }] }) };
    };
    const r = await t.call('POST', '/v1/edits', { document: await mimeData(path.join(CORPUS, 'forms/pdflib_sample_form.pdf')), instructions: 'The employee is Jane Roe.', model: 'retab-large' });
    expect(r.body.error).toBeNull();
    expect(t.llm.requests.length - before).toBe(1);
    expect(promptText(t.llm.requests[before].body)).toContain('The employee is Jane Roe.');
    const byKey = Object.fromEntries(r.body.output.form_data.map((f: { key: string; value: string | null }) => [f.key, f.value]));
    expect(byKey.Name_First).toBe('Jane');
    expect(byKey.Name_Last).toBe('Roe');
    expect(r.body.output.filled_document.url).toMatch(/^data:application\/pdf;base64,/);
  });
});
