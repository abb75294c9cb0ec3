// Format sniffing (magic bytes and text heuristics) and the text-format loaders, via loadDocument.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RunFailure } from '../runs/failures.ts';
import { loadDocument } from './load-document.ts';
import { sniffFormat } from './sniff.ts';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const CORPUS = path.resolve(REPO, '../shared/corpus');
const read = (rel: string) => new Uint8Array(readFileSync(path.join(CORPUS, rel)));
const bytes = (s: string) => new TextEncoder().encode(s);

describe('sniffFormat', () => {
  it.each([
    ['invoices/pdf/i2d_oyo.pdf', 'pdf', 'application/pdf'],
    ['invoices/png/i2d_AmazonWebServices.png', 'image', 'image/png'],
    ['receipts/img/sroie_X51005444041.jpg', 'image', 'image/jpeg'],
    ['office/docx/mammoth_tables.docx', 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['office/xlsx/excelize_Book1.xlsx', 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['office/pptx/pythonpptx_test.pptx', 'pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['office/eml/mailparser_nested.eml', 'eml', 'message/rfc822'],
    ['office/eml/mailparser_decoderended.eml', 'eml', 'message/rfc822'],
    ['office/html/readability_001.html', 'html', 'text/html'],
    ['tricky_pdfs/pdf20_with_offset_start.pdf', 'pdf', 'application/pdf'],
  ])('%s → %s', (rel, format, mime) => {
    const s = sniffFormat(read(rel), rel);
    expect(s.format).toBe(format);
    expect(s.mimeType).toBe(mime);
  });
  it('recognises other binary signatures', () => {
    expect(sniffFormat(bytes('GIF89a....')).mimeType).toBe('image/gif');
    expect(sniffFormat(new Uint8Array([0x49, 0x49, 0x2a, 0, 1, 2])).mimeType).toBe('image/tiff');
    expect(sniffFormat(new Uint8Array([...bytes('RIFF'), 0, 0, 0, 0, ...bytes('WEBPVP8 ')])).mimeType).toBe('image/webp');
    expect(sniffFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(100).fill(0)])).mimeType).toBe('application/x-ole-storage');
    expect(sniffFormat(bytes('{\\rtf1\\ansi hello}')).mimeType).toBe('application/rtf');
    expect(sniffFormat(new Uint8Array([0x80, 0x81, 0xfe, 0x00, 0x11])).format).toBeNull();
  });
  it('never trusts the filename for binary content', () => {
    expect(sniffFormat(read('invoices/png/i2d_AmazonWebServices.png'), 'invoice.pdf')).toMatchObject({ format: 'image', mimeType: 'image/png' });
    expect(sniffFormat(bytes('just words'), 'scan.pdf').format).toBe('text');
  });
  it('tells text flavours apart', () => {
    expect(sniffFormat(bytes('{"a": [1, 2]}')).format).toBe('json');
    expect(sniffFormat(bytes('{"a": oops')).format).not.toBe('json');
    expect(sniffFormat(bytes('<!DOCTYPE html><p>x</p>')).format).toBe('html');
    expect(sniffFormat(bytes('<div>hello</div>')).format).toBe('html');
    expect(sniffFormat(bytes('a,b,c\n1,2,3\n4,5,6\n')).format).toBe('csv');
    expect(sniffFormat(bytes('a;b\n1;2\n')).format).toBe('csv');
    expect(sniffFormat(bytes('Hello, I wrote a long sentence here, with commas\nand another that is quite long, also\n')).format).toBe('text');
    expect(sniffFormat(bytes('# Title\n\nSome [link](http://x).\n')).format).toBe('markdown');
    expect(sniffFormat(bytes('plain words'), 'notes.md').format).toBe('markdown');
    expect(sniffFormat(bytes('plain words\nmore')).format).toBe('text');
    expect(sniffFormat(bytes('From: a@b.c\nTo: d@e.f\nSubject: hi\n\nbody')).mimeType).toBe('message/rfc822');
  });
  it('decodes UTF-16 with a BOM and rejects invalid UTF-8', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('hello world', 'utf16le')]);
    expect(sniffFormat(utf16).format).toBe('text');
    expect(sniffFormat(new Uint8Array([0x68, 0x69, 0xc3, 0x28])).format).toBeNull();
  });
});

describe('loadDocument', () => {
  it('unsupported formats fail with a message naming the type', async () => {
    await expect(loadDocument(bytes('{\\rtf1\\ansi hello}'), { filename: 'a.rtf' })).rejects.toMatchObject({ code: 'unsupported_format', message: 'RTF documents are not supported yet' });
  });
  it('empty input is a clear failure', async () => {
    await expect(loadDocument(new Uint8Array(0), { filename: 'x' })).rejects.toBeInstanceOf(RunFailure);
  });
  it('plain text: pages split on form feed, synthetic positions', async () => {
    const doc = await loadDocument(bytes('first line\nsecond line\fpage two\r\nend\n'), { filename: 'a.txt' });
    expect(doc.format).toBe('text');
    expect(doc.pageTexts).toEqual(['first line\nsecond line', 'page two\nend']);
    const [a, b] = doc.pages[0].lines;
    expect(a).toMatchObject({ x: 0, y: 0, text: 'first line' });
    expect(b.y).toBe(12);
    expect(b.width).toBeGreaterThan(a.width);
  });
  it('markdown keeps its text', async () => {
    const doc = await loadDocument(bytes('# Invoice 42\n\n- item one\n'), { filename: 'x.md' });
    expect(doc.format).toBe('markdown');
    expect(doc.pageTexts[0]).toBe('# Invoice 42\n\n- item one');
  });
  it('CSV becomes one table with quoted fields', async () => {
    const doc = await loadDocument(bytes('name,qty,"price, eur"\nApple,3,"1,50"\n"Big ""pear""",2,"multi\nline"\n'), { filename: 'a.csv' });
    expect(doc.format).toBe('csv');
    const t = doc.pages[0].tables[0];
    expect(t.rows).toEqual([
      ['name', 'qty', 'price, eur'],
      ['Apple', '3', '1,50'],
      ['Big "pear"', '2', 'multi\nline'],
    ]);
    expect(t.hasHeader).toBe(true);
    expect([t.lineStart, t.lineEnd]).toEqual([0, 3]);
    expect(doc.pages[0].lines[1].items.map((i) => i.text)).toEqual(['Apple', '3', '1,50']);
  });
  it('JSON is pretty-printed', async () => {
    const doc = await loadDocument(bytes('{"invoice":{"number":"A-1","total":12.5}}'), { filename: 'a.json' });
    expect(doc.format).toBe('json');
    expect(doc.pageTexts[0]).toBe('{\n  "invoice": {\n    "number": "A-1",\n    "total": 12.5\n  }\n}');
  });
  it('HTML: readable text, scripts dropped, entities decoded, tables extracted', async () => {
    const html =
      '<!doctype html><html><head><title>T &amp; C</title><style>p{color:red}</style><script>var x = "<p>no</p>";</script></head>' +
      '<body><h1>Invoice&nbsp;#42</h1><p>Dear <b>customer</b>,<br>thanks &#8212; &euro;5 &lt;ok&gt;</p>' +
      '<table><tr><th>Item</th><th>Price</th></tr><tr><td>Tea &amp; cake</td><td>3.50</td></tr><tr><td>Jam</td><td>2</td></tr></table>' +
      '<ul><li>one</li><li>two</li></ul></body></html>';
    const doc = await loadDocument(bytes(html), { filename: 'a.html' });
    expect(doc.format).toBe('html');
    const text = doc.pageTexts[0];
    expect(text).toContain('T & C');
    expect(text).toContain('Invoice #42');
    expect(text).toContain('Dear customer,\nthanks — €5 <ok>');
    expect(text).toContain('- one\n- two');
    expect(text).not.toContain('color:red');
    expect(text).not.toContain('var x');
    const t = doc.pages[0].tables[0];
    expect(t.rows).toEqual([
      ['Item', 'Price'],
      ['Tea & cake', '3.50'],
      ['Jam', '2'],
    ]);
    expect(t.hasHeader).toBe(true);
    expect(doc.pages[0].lines.slice(t.lineStart, t.lineEnd).map((l) => l.text)).toEqual(['Item        Price', 'Tea & cake  3.50', 'Jam         2']);
  });
  it('a real HTML article becomes readable text', async () => {
    const doc = await loadDocument(read('office/html/readability_001.html'), { filename: 'r.html' });
    const text = doc.pageTexts[0];
    expect(text).toContain('Get your Frontend JavaScript Code Covered');
    // markup is gone (the article's code samples legitimately show a few escaped tags as text)
    const source = readFileSync(path.join(CORPUS, 'office/html/readability_001.html'), 'utf8');
    expect(text.split('<').length).toBeLessThan(source.split('<').length / 4);
    expect(text).toContain('Blanket.js is an easy to install');
  });
  it('HTML with broken markup still gives its text', async () => {
    const doc = await loadDocument(bytes('<html><body><p>a < b and c&lt;d</p><p>tail <a href="x'), { filename: 'b.html' });
    expect(doc.pageTexts[0]).toBe('a < b and c<d\ntail');
    const unclosed = await loadDocument(bytes('<html><body><p>kept</p><script>never shown'), { filename: 'c.html' });
    expect(unclosed.pageTexts[0]).toBe('kept');
  });
  it('maxPages applies to text documents', async () => {
    await expect(loadDocument(bytes('a\fb\fc'), { filename: 'a.txt', maxPages: 2 })).rejects.toMatchObject({ code: 'too_many_pages' });
  });
});
