// Scanned PDF pages: a page whose text layer is missing or garbage (no word-like text) but which paints
// images is rendered and read by OCR instead; the OCR page keeps the PDF page's size in points.
import { checkpoint } from '../engines/types.ts';
import { DEFAULT_MAX_IMAGE_PIXELS } from './image-loader.ts';
import { getOcrPool } from './ocr/ocr-pool.ts';
import { ocrPage } from './ocr/ocr-page.ts';
import { wordLikeRatio } from './ocr/word-quality.ts';
import { renderPageRaster, type CanvasFactoryOwner, type RenderablePage } from './pdf-render.ts';
import type { Page } from './types.ts';

export interface ScanOptions {
  signal?: AbortSignal;
  ocrWorkers?: number;
  maxImagePixels?: number;
}

interface OpsPage extends RenderablePage {
  getOperatorList(): Promise<{ fnArray: number[] }>;
  cleanup(): unknown;
}

/** pdfjs operator codes that paint an image. */
export function imageOps(OPS: Record<string, number>): number[] {
  return ['paintImageXObject', 'paintInlineImageXObject', 'paintImageMaskXObject', 'paintImageXObjectRepeat', 'paintInlineImageXObjectGroup', 'paintImageMaskXObjectGroup', 'paintImageMaskXObjectRepeat']
    .map((k) => OPS[k])
    .filter((v) => typeof v === 'number');
}

/** True when the page's text is usable as it is: some text, and at least a third of it word-like. */
export function hasUsableText(page: Page): boolean {
  const text = page.lines.map((l) => l.text).join(' ');
  if (text.trim().length === 0) return false;
  const { ratio, count } = wordLikeRatio(text);
  return count > 0 && ratio >= 0.3;
}

/** OCR the page if its text layer is unusable and it paints at least one image; else null (keep the text layer). */
export async function ocrScannedPage(
  doc: CanvasFactoryOwner & { getPage(n: number): Promise<unknown> },
  imageOps: number[],
  loaded: Page,
  opts: ScanOptions,
): Promise<Page | null> {
  if (hasUsableText(loaded)) return null;
  const page = (await doc.getPage(loaded.number)) as OpsPage;
  try {
    const { fnArray } = await page.getOperatorList();
    if (!fnArray.some((op) => imageOps.includes(op))) return null;
    if (opts.signal) checkpoint(opts.signal);
    const { raster, scale } = await renderPageRaster(doc, page, opts.maxImagePixels ?? DEFAULT_MAX_IMAGE_PIXELS, opts.signal);
    const { page: read } = await ocrPage(raster, loaded.number, { pool: getOcrPool(opts.ocrWorkers ?? 1), signal: opts.signal, scale: 1 / scale });
    // Keep the PDF page's own size (rounding of the raster could differ by a fraction of a point).
    if (read.lines.length === 0 && loaded.lines.length > 0) return null;
    return { ...read, width: loaded.width, height: loaded.height };
  } finally {
    page.cleanup();
  }
}
