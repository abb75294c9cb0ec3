// Partitions on the real corpus through the HTTP API: the 7-document packet by "invoice number" keeps its
// 2-page invoices together and finds each segment's number (printed against multidoc/SEGMENTS.json and the
// invoice truth); a page without a number joins the chunk before it; a packet of ten corpus invoices
// concatenated at test time gives one chunk per invoice; n_consensus votes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, mimeData, startTestServer, type TestServer, jsonCaller } from './support/test-server.ts';

const PACKET = path.join(CORPUS, 'multidoc/concat_mixed_7docs.pdf');
const SEGMENTS = JSON.parse(readFileSync(path.join(CORPUS, 'multidoc/SEGMENTS.json'), 'utf8'))['concat_mixed_7docs.pdf'];
const TERMINAL = ['completed', 'failed', 'cancelled'];

const INVOICES = path.join(CORPUS, 'invoices/pdf');
/** Ten corpus invoices (1, 2 and 3 pages; two of the same vendor in a row) concatenated into one PDF. */
const PACKET_FILES = [
  'i2d_coolblue1.pdf', 'i2d_coolblue2.pdf', 'i2d_QualityHosting.pdf', 'zf_EN16931_Einfach.pdf', 'i2d_free_fiber.pdf',
  'zf_EXTENDED_Fremdwaehrung_wdis_fx-pdfa4.pdf', 'i2d_SammyMaystoneLinesTest.pdf', 'zf_MustangBeispiel20221026.pdf',
  'i2d_NetpresseInvoice.pdf', 'zf_ZTESTZUGFERD_1_INVDSS_012015738820PDF-1.pdf',
];

/** The packet as MIMEData, and each invoice's page range and truth invoice number. */
async function invoicePacket(): Promise<{ document: { filename: string; url: string }; parts: { pages: number[]; number: string }[] }> {
  const out = await PDFDocument.create();
  const parts: { pages: number[]; number: string }[] = [];
  for (const f of PACKET_FILES) {
    const src = await PDFDocument.load(readFileSync(path.join(INVOICES, f)));
    const first = out.getPageCount() + 1;
    for (const p of await out.copyPages(src, src.getPageIndices())) out.addPage(p);
    const truth = JSON.parse(readFileSync(path.join(CORPUS, 'invoices/truth', f.replace(/\.pdf$/, '.json')), 'utf8'));
    parts.push({ pages: Array.from({ length: out.getPageCount() - first + 1 }, (_, i) => first + i), number: truth.invoice_number });
  }
  const bytes = Buffer.from(await out.save());
  return { document: { filename: 'invoice-packet.pdf', url: `data:application/pdf;base64,${bytes.toString('base64')}` }, parts };
}


let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ concurrency: 2 });
});
afterAll(async () => srv?.close());

const call = jsonCaller(() => srv);

type Chunk = { key: string | null; pages: number[] };

describe('partition', () => {
  it('concat_mixed_7docs.pdf by "invoice number" (background, polled): 2-page invoices stay together under their number', async () => {
    const created = await call('POST', '/v1/partitions', {
      document: await mimeData(PACKET),
      key: 'invoice number',
      instructions: 'One chunk per invoice, receipt or credit note',
      background: true,
    });
    expect(created.status).toBe(201);
    expect(['queued', 'pending']).toContain(created.body.status);
    let run = created.body;
    while (!TERMINAL.includes(run.status)) {
      await new Promise((res) => setTimeout(res, 20));
      run = (await call('GET', `/v1/partitions/${created.body.id}`)).body;
    }
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    const chunks = run.output as Chunk[];
    const chunkOf = (page: number) => chunks.find((c) => c.pages.includes(page));
    // Every page is in a chunk; pages ascending within a chunk.
    expect([...new Set(chunks.flatMap((c) => c.pages))].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const c of chunks) expect(c.pages).toEqual([...c.pages].sort((a, b) => a - b));
    // The two 2-page invoices are each one chunk, with nothing of a neighbouring document.
    expect(chunkOf(3)).toBe(chunkOf(4));
    expect(chunkOf(6)).toBe(chunkOf(7));
    for (const other of [2, 8, 9]) expect(chunkOf(other)).not.toBe(chunkOf(3));
    for (const other of [4, 8, 9]) expect(chunkOf(other)).not.toBe(chunkOf(6));
    // The keys are the printed numbers of each segment's truth.
    let right = 0;
    const lines: string[] = [];
    for (const seg of SEGMENTS.segments as { pages: [number, number]; truth: string }[]) {
      const want = seg.truth.endsWith('.json') ? JSON.parse(readFileSync(path.join(CORPUS, seg.truth), 'utf8')).invoice_number : null;
      const got = chunkOf(seg.pages[0])?.key ?? null;
      if (got === want || (want === null && got !== null && chunkOf(seg.pages[0]) === chunkOf(seg.pages[0] - 1))) right++;
      lines.push(`pages ${seg.pages[0]}-${seg.pages[1]}: want ${want}, got ${got}`);
    }
    console.log(`partition by invoice number: ${right}/${SEGMENTS.segments.length} segments under the right key\n  ${lines.join('\n  ')}`);
    expect(right).toBeGreaterThanOrEqual(6);
    expect(chunkOf(3)?.key).toBe('30064443');
    expect(chunkOf(6)?.key).toBe('562044387');
    // The prose page has no number: it joins the chunk before it, with a lower likelihood.
    expect(chunkOf(5)).toBe(chunkOf(4));
    const idx = chunks.indexOf(chunkOf(5)!);
    const lk = run.consensus.likelihoods[idx];
    expect(lk.pages).toHaveLength(chunks[idx].pages.length);
    expect(lk.pages[chunks[idx].pages.indexOf(5)]).toBeLessThan(lk.pages[chunks[idx].pages.indexOf(3)]);
    expect(run.consensus.choices).toEqual([]);
  });

  it('n_consensus 3: three readings as choices; page likelihoods are the share of readings that agree', async () => {
    const r = await call('POST', '/v1/partitions', { document: await mimeData(PACKET), key: 'invoice number', instructions: 'One chunk per invoice', n_consensus: 3 });
    expect(r.body.status).toBe('completed');
    expect(r.body.consensus.choices).toHaveLength(3);
    expect(r.body.consensus.likelihoods).toHaveLength(r.body.output.length);
    for (const l of r.body.consensus.likelihoods) for (const p of l.pages) expect([0.33, 0.67, 1]).toContain(p);
    const chunkOf = (page: number) => (r.body.output as Chunk[]).find((c) => c.pages.includes(page));
    expect(chunkOf(3)).toBe(chunkOf(4));
    expect(chunkOf(6)).toBe(chunkOf(7));
  });

  it('a packet of ten corpus invoices built at test time: one chunk per invoice under its truth number', async () => {
    const packet = await invoicePacket();
    const r = await call('POST', '/v1/partitions', { document: packet.document, key: 'invoice number', instructions: 'One chunk per invoice' });
    expect(r.body.status, JSON.stringify(r.body.error)).toBe('completed');
    const chunks = r.body.output as Chunk[];
    const norm = (s: string | null) => (s ?? '').toLowerCase().replace(/[\s#]/g, '');
    const right = packet.parts.filter((p) => chunks.some((c) => norm(c.key) === norm(p.number) && JSON.stringify(c.pages) === JSON.stringify(p.pages))).length;
    console.log(`partition invoice packet: ${right}/${packet.parts.length} invoices are exactly one chunk under their number\n  ${chunks.map((c) => `${c.key}[${c.pages}]`).join(' ')}`);
    expect(right).toBeGreaterThanOrEqual(9);
  });

  it('n_consensus 5 on the invoice packet still puts every page in a chunk, under the full reading\'s keys', async () => {
    const packet = await invoicePacket();
    const r = await call('POST', '/v1/partitions', { document: packet.document, key: 'invoice number', instructions: 'One chunk per invoice', n_consensus: 5 });
    expect(r.body.status, JSON.stringify(r.body.error)).toBe('completed');
    const chunks = r.body.output as Chunk[];
    const pageCount = packet.parts[packet.parts.length - 1].pages.at(-1)!;
    expect([...new Set(chunks.flatMap((c) => c.pages))].sort((a, b) => a - b)).toEqual(Array.from({ length: pageCount }, (_, i) => i + 1));
    expect(r.body.consensus.choices).toHaveLength(5);
    expect(r.body.consensus.likelihoods.map((l: { pages: number[] }) => l.pages.length)).toEqual(chunks.map((c) => c.pages.length));
    for (const p of packet.parts) expect(chunks.find((c) => c.pages.includes(p.pages[0]))?.pages).toEqual(p.pages);
  });

  it('a key the document never shows gives one chunk with key null', async () => {
    const r = await call('POST', '/v1/partitions', { document: await mimeData(path.join(CORPUS, 'tricky_pdfs/pypdf_crazyones.pdf')), key: 'employee id', instructions: 'One chunk per employee' });
    expect(r.body.status).toBe('completed');
    expect(r.body.output).toEqual([{ key: null, pages: [1] }]);
  });
});
