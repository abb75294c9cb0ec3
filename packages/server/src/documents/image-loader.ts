// Image files (PNG, JPEG, TIFF incl. multi-page, WebP, GIF, BMP) → LoadedDocument by OCR: sizes checked
// against the pixel limit from the headers first, then each page decoded, turned upright and read.
import { checkpoint } from '../engines/types.ts';
import { RunFailure } from '../runs/failures.ts';
import { decodeImage, decodeTiffFrame, tiffFrames } from './image-decode.ts';
import { checkPixelLimit, readImageSize, type ImageSize } from './image-header.ts';
import { getOcrPool } from './ocr/ocr-pool.ts';
import { ocrPage } from './ocr/ocr-page.ts';
import type { Raster } from './ocr/raster.ts';
import type { LoadedDocument, Page } from './types.ts';

export const DEFAULT_MAX_IMAGE_PIXELS = 50_000_000;

export interface LoadImageOptions {
  filename: string;
  signal?: AbortSignal;
  maxPages?: number;
  onPage?: (done: number, total: number) => void;
  ocrWorkers?: number;
  maxImagePixels?: number;
}

/** Page size in points: pixels at 72 dpi, shrunk so the longer side is at most a letter page's 792 pt. */
export function pixelScale(size: ImageSize): number {
  return Math.min(1, 792 / Math.max(size.width, size.height));
}

export async function loadImageDocument(bytes: Uint8Array, mimeType: string, opts: LoadImageOptions): Promise<LoadedDocument> {
  const maxPixels = opts.maxImagePixels ?? DEFAULT_MAX_IMAGE_PIXELS;
  let sizes: ImageSize[];
  let decode: (i: number) => Promise<Raster> | Raster;
  if (mimeType === 'image/tiff') {
    const tiff = tiffFrames(bytes);
    sizes = tiff.sizes;
    decode = (i) => decodeTiffFrame(bytes, tiff.ifds[i]);
  } else {
    sizes = [readImageSize(bytes, mimeType)];
    decode = () => decodeImage(bytes, mimeType, maxPixels, opts.signal);
  }
  sizes.forEach((s, i) => checkPixelLimit(s, maxPixels, sizes.length > 1 ? i + 1 : undefined));
  if (opts.maxPages !== undefined && sizes.length > opts.maxPages) {
    throw new RunFailure('too_many_pages', `The image has ${sizes.length} pages; the limit is ${opts.maxPages}`, {
      page_count: sizes.length,
      max_pages: opts.maxPages,
    });
  }
  const pool = getOcrPool(opts.ocrWorkers ?? 1);
  const pages: Page[] = [];
  for (let i = 0; i < sizes.length; i++) {
    if (opts.signal) checkpoint(opts.signal);
    const raster = await decode(i);
    const { page } = await ocrPage(raster, i + 1, { pool, signal: opts.signal, scale: pixelScale(raster) });
    pages.push(page);
    opts.onPage?.(i + 1, sizes.length);
  }
  if (opts.signal) checkpoint(opts.signal);
  return {
    format: 'image',
    mimeType,
    filename: opts.filename,
    pages,
    pageTexts: pages.map((p) => p.lines.map((l) => l.text).join('\n')),
  };
}
