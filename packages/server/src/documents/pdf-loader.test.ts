// PDF loading on the real corpus: every invoice, the tricky/broken/encrypted files, and a 1200-page
// document (loads fully; cancels early through its AbortSignal).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RunFailure } from '../runs/failures.ts';
import { loadDocument } from './load-document.ts';
import { loadPdf } from './pdf-loader.ts';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const CORPUS = path.resolve(REPO, '../shared/corpus');
const read = (rel: string) => new Uint8Array(readFileSync(path.join(CORPUS, rel)));
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim();

async function failure(p: Promise<unknown>): Promise<RunFailure> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(RunFailure);
    return e as RunFailure;
  }
  throw new Error('expected a RunFailure');
}

describe('invoices', () => {
  const names = readdirSync(path.join(CORPUS, 'invoices/pdf')).filter((f) => f.endsWith('.pdf'));
  it('the corpus has invoices', () => expect(names.length).toBeGreaterThanOrEqual(20));
  it.each(names)('%s loads and contains its invoice number', async (name) => {
    const truth = JSON.parse(readFileSync(path.join(CORPUS, 'invoices/truth', name.replace(/\.pdf$/, '.json')), 'utf8'));
    const doc = await loadPdf(read(`invoices/pdf/${name}`), { filename: name });
    expect(doc.format).toBe('pdf');
    if (truth._meta?.pages) expect(doc.pages.length).toBe(truth._meta.pages);
    expect(doc.pageTexts).toHaveLength(doc.pages.length);
    const text = doc.pageTexts.join('\n');
    expect(text.replace(/\s+/g, ' ')).toContain(String(truth.invoice_number));
    for (const page of doc.pages) {
      expect(page.width).toBeGreaterThan(0);
      for (const line of page.lines) {
        expect(line.y).toBeGreaterThanOrEqual(-1);
        expect(line.y).toBeLessThanOrEqual(page.height + 1);
        expect(line.text.length).toBeGreaterThan(0);
      }
      // reading order: lines go down the page
      for (let i = 1; i < page.lines.length; i++) expect(page.lines[i].y + page.lines[i].height).toBeGreaterThanOrEqual(page.lines[i - 1].y);
    }
  });
  it('keeps column structure with wide gaps and lines in order', async () => {
    const doc = await loadPdf(read('invoices/pdf/zf_zugferd_invoice.pdf'), { filename: 'z.pdf' });
    const line = doc.pages[0].lines.find((l) => l.text.startsWith('1 Superdrachen'));
    expect(line?.text).toMatch(/^1 Superdrachen {2,}2 {2,}20,00 {2,}40,00$/);
    expect(line?.items.map((i) => i.text)).toEqual(['1 Superdrachen', '2', '20,00', '40,00']);
  });
  it('opens a PDF encrypted with an empty user password', async () => {
    const doc = await loadPdf(read('invoices/pdf/pdfminer_faktura_FV_1_2021.pdf'), { filename: 'f.pdf' });
    expect(doc.pageTexts[0]).toContain('Faktura nr FV 1/2021');
  });
});

describe('tricky PDFs', () => {
  const index: { file: string; password: string | null; expected_text_file: string | null }[] = JSON.parse(
    readFileSync(path.join(CORPUS, 'tricky_pdfs/INDEX.json'), 'utf8'),
  );
  const encrypted = index.filter((e) => e.password);
  it.each(encrypted.map((e) => [e.file.split('/')[1], e.password!]))('%s needs its password, and opens with it', async (name, password) => {
    const f = await failure(loadPdf(read(`tricky_pdfs/${name}`), { filename: name }));
    expect(f.code).toBe('password_required');
    const wrong = await failure(loadPdf(read(`tricky_pdfs/${name}`), { filename: name, password: 'definitely-wrong' }));
    expect(wrong.code).toBe('password_required');
    const doc = await loadPdf(read(`tricky_pdfs/${name}`), { filename: name, password });
    expect(norm(doc.pageTexts.join(' ')).length).toBeGreaterThan(0);
  });
  it.each(['pdfjs_issue7665.pdf', 'pdfjs_secHandler.pdf'])('%s (empty user password) opens without one', async (name) => {
    const doc = await loadPdf(read(`tricky_pdfs/${name}`), { filename: name });
    expect(doc.pages).toHaveLength(1);
  });
  it.each(['pdfjs_bug1020226.pdf', 'pdflib_missing_xref_trailer_dict.pdf'])('%s fails as corrupt_document', async (name) => {
    expect((await failure(loadPdf(read(`tricky_pdfs/${name}`), { filename: name }))).code).toBe('corrupt_document');
  });
  it.each([
    ['pdfjs_xref_command_missing.pdf', 'Reduced test-case'],
    ['pdfjs_helloworld-bad.pdf', 'Hello, world!'],
    ['pdfjs_issue9105_other.pdf', 'Adobe tweet'],
    ['pdflib_missing_endobj_keyword.pdf', 'Grandes Clientèles, Financements et Marchés'],
    ['pdf20_with_offset_start.pdf', 'This is a PDF 2.0 document'],
    ['pdf20_via_incremental_save.pdf', 'PDF 2.0 Words Have Spacing'],
  ])('%s is recovered', async (name, text) => {
    const doc = await loadPdf(read(`tricky_pdfs/${name}`), { filename: name });
    expect(norm(doc.pageTexts.join(' '))).toBe(text);
  });
  it.each(['pdfjs_GHOSTSCRIPT-698804-1-fuzzed.pdf', 'pdflib_with_invalid_objects.pdf'])('%s fails cleanly or gives text', async (name) => {
    try {
      const doc = await loadPdf(read(`tricky_pdfs/${name}`), { filename: name });
      expect(Array.isArray(doc.pages)).toBe(true);
    } catch (e) {
      expect(e).toBeInstanceOf(RunFailure);
      expect(['corrupt_document']).toContain((e as RunFailure).code);
    }
  });
  it('the empty PDF has one page and no text', async () => {
    const doc = await loadPdf(read('tricky_pdfs/pdfjs_empty.pdf'), { filename: 'e.pdf' });
    expect(doc.pages).toHaveLength(1);
    expect(doc.pageTexts).toEqual(['']);
  });
  it.each([
    ['pdfjs_text_rise_eol_bug.pdf', 'E = mc2 is the mass-energy equivalence.'],
    ['pdfjs_issue16221.pdf', 'Hello World'],
    ['pdfjs_issue13226.pdf', null],
    ['pdfjs_issue14755.pdf', 'ABCDEFGHI'],
    ['pdfjs_issue20319_2.pdf', 'AA A'],
  ])('%s: text as expected (super/subscripts, soft hyphens, split words)', async (name, text) => {
    const doc = await loadPdf(read(`tricky_pdfs/${name}`), { filename: name });
    const expected = text ?? norm(readFileSync(path.join(CORPUS, 'tricky_pdfs/expected_text', name.replace('.pdf', '.txt')), 'utf8'));
    expect(norm(doc.pageTexts.join('\n'))).toBe(expected);
    expect(doc.pages[0].lines.length).toBe(text && text.length < 60 ? 1 : doc.pages[0].lines.length);
  });
  it('rotated pages read left to right with swapped dimensions', async () => {
    const doc = await loadPdf(read('tricky_pdfs/pdfjs_rotation.pdf'), { filename: 'r.pdf' });
    expect(doc.pageTexts[1]).toBe('This is my second page. It will have a landscape layout.\nSecond line here.');
    expect(doc.pages[1].width).toBeGreaterThan(doc.pages[1].height);
    const hello = await loadPdf(read('tricky_pdfs/pdfjs_hello_world_rotated.pdf'), { filename: 'h.pdf' });
    expect(hello.pageTexts).toEqual(Array(5).fill('Hello world'));
  });
  it('a page tree loop does not hang', async () => {
    const doc = await loadPdf(read('tricky_pdfs/pdfjs_Pages-tree-refs.pdf'), { filename: 'p.pdf' });
    expect(doc.pageTexts[0]).toContain('Pages loop');
  });
});

describe('limits and cancellation', () => {
  const synth = () => read('tricky_pdfs/synth_1200_pages.pdf');
  it('loads all 1200 pages with per-page text when maxPages allows', async () => {
    let calls = 0;
    const doc = await loadPdf(synth(), { filename: 's.pdf', maxPages: 1200, onPage: () => calls++ });
    expect(doc.pages).toHaveLength(1200);
    expect(calls).toBe(1200);
    for (const i of [1, 2, 3, 600, 1200]) expect(doc.pageTexts[i - 1]).toBe(`Document 1:Page ${((i - 1) % 3) + 1}`);
  });
  it('refuses more pages than maxPages', async () => {
    const f = await failure(loadPdf(synth(), { filename: 's.pdf', maxPages: 1199 }));
    expect(f.code).toBe('too_many_pages');
    expect(f.details).toMatchObject({ page_count: 1200, max_pages: 1199 });
  });
  it('stops early when the signal aborts mid-way', async () => {
    const ac = new AbortController();
    let done = 0;
    const f = await failure(
      loadPdf(synth(), {
        filename: 's.pdf',
        signal: ac.signal,
        onPage: (n) => {
          done = n;
          if (n === 40) ac.abort();
        },
      }),
    );
    expect(f.code).toBe('cancelled');
    expect(done).toBe(40);
  });
  it('an already-aborted signal cancels before any work', async () => {
    const ac = new AbortController();
    ac.abort();
    expect((await failure(loadDocument(synth(), { filename: 's.pdf', signal: ac.signal }))).code).toBe('cancelled');
  });
  it('the loader leaves the caller\'s bytes usable (pdfjs detaches its own copy)', async () => {
    const bytes = read('tricky_pdfs/pdfjs_empty.pdf');
    await loadPdf(bytes, { filename: 'e.pdf' });
    expect(bytes.byteLength).toBeGreaterThan(0);
    await loadPdf(bytes, { filename: 'e.pdf' });
  });
  it('garbage after a PDF header is corrupt, not a crash', async () => {
    const junk = new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5000, 7)]));
    expect((await failure(loadDocument(junk, { filename: 'x.pdf' }))).code).toBe('corrupt_document');
  });
});
