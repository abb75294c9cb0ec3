// toDocument on real corpus files and on every accepted input kind.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DocketError } from '../core/errors.ts';
import { toDocument } from './to-document.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus');
const INVOICE_PDF = path.join(CORPUS, 'invoices/pdf/i2d_oyo.pdf');
const INVOICE_PNG = path.join(CORPUS, 'invoices/png/i2d_AmazonWebServices.png');
const firstIn = (dir: string) => path.join(CORPUS, dir, readdirSync(path.join(CORPUS, dir))[0]);

const decode = (url: string) => Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');

describe('toDocument', () => {
  it('reads a file path into a base64 data URI with the basename', async () => {
    const doc = await toDocument(INVOICE_PDF);
    expect(doc.filename).toBe('i2d_oyo.pdf');
    expect(doc.url.startsWith('data:application/pdf;base64,')).toBe(true);
    expect(decode(doc.url).equals(readFileSync(INVOICE_PDF))).toBe(true);
  });

  it('sniffs png and jpeg from magic bytes, and uses the extension for zip-based office files', async () => {
    expect((await toDocument(INVOICE_PNG)).url).toMatch(/^data:image\/png;base64,/);
    const jpeg = await toDocument(new Uint8Array(readFileSync(firstIn('receipts/img'))));
    expect(jpeg.url).toMatch(/^data:image\/jpeg;base64,/);
    expect(jpeg.filename).toBe('document.jpg');
    const docx = await toDocument(firstIn('office/docx'));
    expect(docx.url).toMatch(/^data:application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document;base64,/);
    const docxBytes = await toDocument(readFileSync(firstIn('office/docx')));
    expect(docxBytes).toMatchObject({ filename: 'document.zip' });
    expect(docxBytes.url).toMatch(/^data:application\/zip;base64,/);
  });

  it('accepts Buffer, Uint8Array, ArrayBuffer, Blob and File', async () => {
    const bytes = readFileSync(INVOICE_PDF);
    for (const input of [bytes, new Uint8Array(bytes), bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length), new Blob([bytes])]) {
      const doc = await toDocument(input);
      expect(doc.filename).toBe('document.pdf');
      expect(decode(doc.url).equals(bytes)).toBe(true);
    }
    const file = new File([bytes], 'scan.pdf', { type: 'application/pdf' });
    expect((await toDocument(file)).filename).toBe('scan.pdf');
    const unknown = await toDocument(new Uint8Array([1, 2, 3, 4]));
    expect(unknown).toMatchObject({ filename: 'document.bin' });
    expect(unknown.url).toMatch(/^data:application\/octet-stream;base64,/);
    const gif = await toDocument(new TextEncoder().encode('GIF89a....'));
    expect(gif.filename).toBe('document.gif');
  });

  it('passes http(s) URLs (string or URL) through with the last path segment as filename', async () => {
    expect(await toDocument('https://example.com/files/inv%20001.pdf?sig=1')).toEqual({
      filename: 'inv 001.pdf',
      url: 'https://example.com/files/inv%20001.pdf?sig=1',
    });
    expect(await toDocument(new URL('http://host/a/b.png'))).toEqual({ filename: 'b.png', url: 'http://host/a/b.png' });
    expect((await toDocument('https://host/')).filename).toBe('document');
  });

  it('passes data: URIs and {filename, url} objects through', async () => {
    expect(await toDocument('data:application/pdf;base64,JVBERi0=')).toEqual({
      filename: 'document.pdf',
      url: 'data:application/pdf;base64,JVBERi0=',
    });
    const md = { filename: 'x.pdf', url: 'data:application/pdf;base64,AA==' };
    expect(await toDocument(md)).toEqual(md);
  });

  it('fails clearly on a missing file and on unsupported input', async () => {
    await expect(toDocument('/no/such/file.pdf')).rejects.toThrow(/Document file not found: "\/no\/such\/file.pdf"/);
    await expect(toDocument('/no/such/file.pdf')).rejects.toBeInstanceOf(DocketError);
    await expect(toDocument(42 as never)).rejects.toThrow(/Unsupported document/);
    await expect(toDocument(new URL('ftp://host/x.pdf'))).rejects.toThrow(/scheme/);
  });
});
