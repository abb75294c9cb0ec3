// Classification on the real corpus through the HTTP API (background create, poll, completed): every invoice
// PDF, the SROIE receipts, six forms and four prose PDFs into {invoice, receipt, credit_note, form, other};
// prints accuracy per class. The receipts are JPG scans: each is sent twice, as the JPG itself (the loader
// reads it by OCR) and as its OCR transcript from receipts/truth/*.json (`ocr_lines` grouped into rows by
// position, sent as a text document), so the classifier is measured apart from OCR quality too.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, mimeData, startTestServer, type TestServer, jsonCaller } from './support/test-server.ts';

const CATEGORIES = [
  { name: 'invoice', description: 'A bill from a seller asking for payment, with an invoice number' },
  { name: 'receipt', description: 'Proof of a payment already made at a shop, restaurant or hotel' },
  { name: 'credit_note', description: 'A credit note (refund or correction) that reduces an earlier invoice' },
  { name: 'form', description: 'A form with fields or blanks to fill in' },
  { name: 'other', description: 'Anything else, such as letters, essays or articles' },
];
const FORMS = ['pdflib_sample_form.pdf', 'samplefiles_libreoffice-form.pdf', 'pypdf_SF424_page2_noacroform.pdf', 'pdflib_with_xfa_fields.pdf', 'pdflib_create_form.pdf', 'pdflib_fancy_fields.pdf'];
const PROSE = ['pypdf_crazyones.pdf', 'samplefiles_multicolumn.pdf', 'pdfjs_pdkids.pdf', 'pdfminer_pagelabels.pdf'];
const TERMINAL = ['completed', 'failed', 'cancelled'];

/** A receipt's OCR lines as plain text: boxes on the same row joined by wide gaps (cells), rows top to bottom. */
function receiptText(file: string): string {
  const truth = JSON.parse(readFileSync(file, 'utf8')) as { ocr_lines: { text: string; bbox_xyxy: number[] }[] };
  const boxes = truth.ocr_lines
    .map((l) => ({ text: l.text, x: l.bbox_xyxy[0], y: (l.bbox_xyxy[1] + l.bbox_xyxy[3]) / 2, h: l.bbox_xyxy[3] - l.bbox_xyxy[1] }))
    .sort((a, b) => a.y - b.y);
  const rows: (typeof boxes)[] = [];
  for (const b of boxes) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0].y - b.y) < 0.5 * Math.min(row[0].h, b.h)) row.push(b);
    else rows.push([b]);
  }
  return rows.map((r) => r.sort((a, b) => a.x - b.x).map((b) => b.text).join('      ')).join('\n') + '\n';
}

interface Case {
  name: string;
  want: string;
  document: { filename: string; url: string };
}

async function cases(): Promise<Case[]> {
  const out: Case[] = [];
  for (const f of readdirSync(path.join(CORPUS, 'invoices/pdf')).filter((f) => f.endsWith('.pdf')).sort()) {
    const truth = JSON.parse(readFileSync(path.join(CORPUS, 'invoices/truth', f.replace(/\.pdf$/, '.json')), 'utf8'));
    out.push({ name: f, want: truth.doc_type, document: await mimeData(path.join(CORPUS, 'invoices/pdf', f)) });
  }
  for (const f of readdirSync(path.join(CORPUS, 'receipts/truth')).filter((f) => f.endsWith('.json')).sort()) {
    const text = receiptText(path.join(CORPUS, 'receipts/truth', f));
    out.push({ name: f, want: 'receipt', document: { filename: f.replace(/\.json$/, '.txt'), url: `data:text/plain;base64,${Buffer.from(text).toString('base64')}` } });
    const jpg = path.join(CORPUS, 'receipts/img', f.replace(/\.json$/, '.jpg'));
    out.push({ name: path.basename(jpg), want: 'receipt', document: { filename: path.basename(jpg), url: `data:image/jpeg;base64,${readFileSync(jpg).toString('base64')}` } });
  }
  for (const f of FORMS) out.push({ name: f, want: 'form', document: await mimeData(path.join(CORPUS, 'forms', f)) });
  for (const f of PROSE) out.push({ name: f, want: 'other', document: await mimeData(path.join(CORPUS, 'tricky_pdfs', f)) });
  return out;
}

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ concurrency: 2 });
});
afterAll(async () => srv?.close());

const call = jsonCaller(() => srv);

async function pollAll(ids: Map<string, string>): Promise<Map<string, any>> {
  const done = new Map<string, any>();
  while (done.size < ids.size) {
    for (const [name, id] of ids) {
      if (done.has(name)) continue;
      const r = await call('GET', `/v1/classifications/${id}`);
      if (TERMINAL.includes(r.body.status)) done.set(name, r.body);
    }
    if (done.size < ids.size) await new Promise((res) => setTimeout(res, 20));
  }
  return done;
}

describe('classification of the corpus', () => {
  it('invoices, receipts (transcripts and JPG scans), a credit note, forms and prose land in their class (≥ 90 % overall, every class ≥ 80 %)', async () => {
    const all = await cases();
    const ids = new Map<string, string>();
    for (const c of all) {
      const r = await call('POST', '/v1/classifications', { document: c.document, categories: CATEGORIES, background: true });
      expect(r.status).toBe(201);
      expect(['queued', 'pending']).toContain(r.body.status);
      ids.set(c.name, r.body.id);
    }
    const runs = await pollAll(ids);
    const perClass = new Map<string, { right: number; total: number }>();
    const wrong: string[] = [];
    for (const c of all) {
      const run = runs.get(c.name);
      expect(run.status, `${c.name}: ${JSON.stringify(run.error)}`).toBe('completed');
      expect(CATEGORIES.map((k) => k.name)).toContain(run.output.category);
      expect(run.output.reasoning.length).toBeGreaterThan(20);
      expect(run.consensus.likelihoods).toBeGreaterThan(0);
      expect(run.consensus.likelihoods).toBeLessThanOrEqual(1);
      const entry = perClass.get(c.want) ?? { right: 0, total: 0 };
      entry.total++;
      if (run.output.category === c.want) entry.right++;
      else wrong.push(`${c.name}: want ${c.want}, got ${run.output.category} — ${run.output.reasoning}`);
      perClass.set(c.want, entry);
    }
    const right = [...perClass.values()].reduce((s, e) => s + e.right, 0);
    console.log(
      `classification accuracy ${right}/${all.length} (${Math.round((100 * right) / all.length)} %): ` +
        [...perClass].map(([k, e]) => `${k} ${e.right}/${e.total}`).join(', ') +
        (wrong.length ? `\n  wrong:\n  ${wrong.join('\n  ')}` : ''),
    );
    expect(right / all.length).toBeGreaterThanOrEqual(0.9);
    for (const [k, e] of perClass) expect(e.right / e.total, k).toBeGreaterThanOrEqual(0.8);
  }, 120_000);

  it('reasoning names the evidence: the title and labels of an invoice', async () => {
    const r = await call('POST', '/v1/classifications', { document: await mimeData(path.join(CORPUS, 'invoices/pdf/i2d_AmazonWebServices.pdf')), categories: CATEGORIES });
    expect(r.body.status).toBe('completed');
    expect(r.body.output.category).toBe('invoice');
    expect(r.body.output.reasoning).toMatch(/title 'Amazon Web Services Invoice'/i);
    expect(r.body.output.reasoning).toMatch(/Invoice Number/);
    expect(r.body.consensus.choices).toEqual([]);
  });

  it('first_n_pages limits what is read: page 1 of the 7-document packet is a receipt, the whole packet an invoice', async () => {
    const doc = await mimeData(path.join(CORPUS, 'multidoc/concat_mixed_7docs.pdf'));
    const first = await call('POST', '/v1/classifications', { document: doc, categories: CATEGORIES, first_n_pages: 1 });
    expect(first.body.output.category).toBe('receipt');
    expect(first.body.output.reasoning).toMatch(/read 1 page/);
    const whole = await call('POST', '/v1/classifications', { document: doc, categories: CATEGORIES });
    expect(whole.body.output.category).toBe('invoice');
    expect(whole.body.output.reasoning).toMatch(/read 9 pages/);
  });

  it('n_consensus 5 gives five different readings as choices and the winner’s vote share', async () => {
    const r = await call('POST', '/v1/classifications', {
      document: await mimeData(path.join(CORPUS, 'invoices/pdf/i2d_QualityHosting.pdf')),
      categories: CATEGORIES,
      n_consensus: 5,
    });
    expect(r.body.status).toBe('completed');
    expect(r.body.output.category).toBe('invoice');
    const choices = r.body.consensus.choices as { reasoning: string; category: string }[];
    expect(choices).toHaveLength(5);
    expect(new Set(choices.map((c) => c.reasoning)).size).toBe(5);
    const agree = choices.filter((c) => c.category === 'invoice').length;
    expect(agree).toBeGreaterThanOrEqual(3);
    expect(r.body.consensus.likelihoods).toBeGreaterThan(0.5);
    expect(r.body.consensus.likelihoods).toBeLessThanOrEqual(1);
  });

  it('categories the classifier has no dictionary for are matched by their words', async () => {
    const r = await call('POST', '/v1/classifications', {
      document: await mimeData(path.join(CORPUS, 'tricky_pdfs/pdfjs_pdkids.pdf')),
      categories: [
        { name: 'tax_document', description: 'Tax returns and statements for the revenue service' },
        { name: 'fairy_tale', description: 'A story for children about the moon, a granny or a witch' },
      ],
      first_n_pages: 3,
    });
    expect(r.body.status).toBe('completed');
    expect(r.body.output.category).toBe('fairy_tale');
  });
});
