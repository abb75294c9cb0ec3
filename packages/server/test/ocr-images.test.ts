// OCR of image files through loadDocument: character error rate on the Tesseract test images (upright and
// rotated), every image format decoded, multi-page TIFF, the pixel limit, cancellation, SROIE receipts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../src/documents/load-document.ts';
import { characterErrorRate } from '../src/documents/ocr/cer.ts';
import { shutdownOcr } from '../src/documents/ocr/ocr-pool.ts';
import { encodeBmp, encodeGreyTiff } from './support/ocr-image-writers.ts';
import { CORPUS } from './support/test-server.ts';

const read = (rel: string) => new Uint8Array(readFileSync(path.join(CORPUS, rel)));
const truth = (rel: string) => readFileSync(path.join(CORPUS, rel), 'utf8');
const ocrText = async (bytes: Uint8Array, filename: string) => (await loadDocument(bytes, { filename })).pageTexts.join('\n');

afterAll(() => shutdownOcr());

describe('OCR character error rate on corpus/scans', () => {
  const cases = [
    ['scans/img/tess_phototest.tif', 'scans/truth/tess_phototest.txt'],
    ['scans/img/tess_phototest-rotated-180.png', 'scans/truth/tess_phototest.txt'],
    ['scans/img/tess_phototest-rotated-L.png', 'scans/truth/tess_phototest.txt'],
    ['scans/img/tess_phototest-rotated-R.png', 'scans/truth/tess_phototest.txt'],
    ['scans/img/tess_eurotext.tif', 'scans/truth/tess_eurotext.txt'],
  ];
  it.each(cases)('%s: CER ≤ 10 %%', async (img, txt) => {
    const doc = await loadDocument(read(img), { filename: path.basename(img) });
    const cer = characterErrorRate(doc.pageTexts.join('\n'), truth(txt));
    console.log(`CER ${path.basename(img)}: ${(cer * 100).toFixed(1)} %`);
    expect(doc.format).toBe('image');
    expect(doc.pages).toHaveLength(1);
    expect(cer).toBeLessThanOrEqual(0.1);
    // Words carry positions in the page model: lines top to bottom, inside the page.
    const lines = doc.pages[0].lines;
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < lines.length; i++) expect(lines[i].y).toBeGreaterThan(lines[i - 1].y);
    for (const l of lines) expect(l.x + l.width).toBeLessThanOrEqual(doc.pages[0].width + 1);
  });
});

describe('image formats', () => {
  it('JPEG, WebP, GIF, BMP and PNG renderings of the same page read the same text', async () => {
    const img = await loadImage(Buffer.from(read('scans/img/tess_phototest-rotated-180.png')));
    const canvas = createCanvas(img.width, img.height);
    const ctx = canvas.getContext('2d');
    ctx.translate(img.width, img.height);
    ctx.rotate(Math.PI); // upright again: this test is about decoding, not orientation
    ctx.drawImage(img, 0, 0);
    const rgba = ctx.getImageData(0, 0, img.width, img.height).data;
    const files: [string, Uint8Array][] = [
      ['page.jpg', canvas.encodeSync('jpeg', 90)],
      ['page.webp', canvas.encodeSync('webp', 90)],
      ['page.gif', canvas.encodeSync('gif')],
      ['page.bmp', encodeBmp(rgba, img.width, img.height)],
    ];
    for (const [name, bytes] of files) {
      const text = await ocrText(bytes, name);
      expect(text, name).toContain('The quick brown dog jumped over the');
      expect(characterErrorRate(text, truth('scans/truth/tess_phototest.txt')), name).toBeLessThanOrEqual(0.1);
    }
  });

  it('a multi-page TIFF becomes one page per image', async () => {
    const pages = [];
    for (const rel of ['scans/img/tess_phototest-rotated-180.png', 'scans/img/tess_phototest-rotated-R.png']) {
      const img = await loadImage(Buffer.from(read(rel)));
      const ctx = createCanvas(img.width, img.height).getContext('2d');
      ctx.drawImage(img, 0, 0);
      pages.push({ width: img.width, height: img.height, rgba: ctx.getImageData(0, 0, img.width, img.height).data });
    }
    const progress: string[] = [];
    const doc = await loadDocument(encodeGreyTiff(pages), { filename: 'two.tif', onPage: (d, t) => progress.push(`${d}/${t}`) });
    expect(doc.mimeType).toBe('image/tiff');
    expect(doc.pages.map((p) => p.number)).toEqual([1, 2]);
    expect(progress).toEqual(['1/2', '2/2']);
    for (const t of doc.pageTexts) expect(characterErrorRate(t, truth('scans/truth/tess_phototest.txt'))).toBeLessThanOrEqual(0.1);
    await expect(loadDocument(encodeGreyTiff(pages), { filename: 'two.tif', maxPages: 1 })).rejects.toMatchObject({ code: 'too_many_pages' });
  });
});

describe('limits and failures', () => {
  it('an image over the pixel limit fails image_too_large from its header, before decoding', async () => {
    await expect(loadDocument(read('scans/img/tess_phototest.tif'), { filename: 'a.tif', maxImagePixels: 640 * 480 - 1 })).rejects.toMatchObject({ code: 'image_too_large' });
    // A PNG header claiming 100000 × 100000 pixels, with no pixel data at all: refused by the default limit.
    const bomb = Buffer.from('89504e470d0a1a0a0000000d49484452000186a0000186a00806000000', 'hex');
    await expect(loadDocument(new Uint8Array(bomb), { filename: 'bomb.png' })).rejects.toMatchObject({ code: 'image_too_large', details: { width: 100000, height: 100000 } });
  });

  it('truncated and garbled images fail corrupt_document', async () => {
    const png = read('scans/img/tess_phototest-rotated-L.png');
    await expect(loadDocument(png.subarray(0, 16), { filename: 'a.png' })).rejects.toMatchObject({ code: 'corrupt_document' });
    const garbled = png.slice();
    garbled.fill(7, 40);
    await expect(loadDocument(garbled, { filename: 'a.png' })).rejects.toMatchObject({ code: 'corrupt_document' });
    await expect(loadDocument(read('scans/img/tess_eurotext.tif').subarray(0, 12), { filename: 'a.tif' })).rejects.toMatchObject({ code: 'corrupt_document' });
  });

  it('an aborted signal cancels the OCR', async () => {
    const ac = new AbortController();
    const pending = loadDocument(read('scans/img/tess_eurotext.tif'), { filename: 'e.tif', signal: ac.signal });
    setTimeout(() => ac.abort(), 5);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    // The pool recovers: the next page is read by a fresh worker.
    expect(await ocrText(read('scans/img/tess_phototest.tif'), 'p.tif')).toContain('quick brown dog');
  });
});

describe('SROIE receipts: company, date and total in the OCR text', () => {
  const ids = ['X00016469670', 'X00016469671', 'X51005200931', 'X51005444041', 'X51005621482', 'X51006401977', 'X51007103597'];
  it('at least 5 of the 7 receipts show all three', async () => {
    // Letters and digits only, with the usual OCR look-alikes folded together (O/0, I/l/1).
    const squash = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
    let ok = 0;
    for (const id of ids) {
      const t = JSON.parse(truth(`receipts/truth/sroie_${id}.json`)) as { vendor: string; date: string; total: string };
      const text = squash(await ocrText(read(`receipts/img/sroie_${id}.jpg`), `${id}.jpg`));
      const hits = { company: text.includes(squash(t.vendor)), date: text.includes(squash(t.date)), total: text.includes(squash(t.total)) };
      if (hits.company && hits.date && hits.total) ok++;
      console.log(`receipt ${id}: company ${hits.company ? 'ok' : 'MISSING'} · date ${hits.date ? 'ok' : 'MISSING'} · total ${hits.total ? 'ok' : 'MISSING'}`);
    }
    console.log(`receipts with company, date and total: ${ok}/${ids.length}`);
    expect(ok).toBeGreaterThanOrEqual(5);
  }, 180_000);
});
