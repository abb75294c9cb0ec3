// OCR of one page raster into the page model: tesseract words with boxes become TextItems (top of their
// tesseract line as top, its bottom as baseline), grouped into lines by the shared line grouping. Pages
// scanned sideways or upside down are turned upright first (see orientation.ts).
import { checkpoint } from '../../engines/types.ts';
import { groupLines, type RawItem } from '../pdf-lines.ts';
import { detectTables } from '../tables.ts';
import type { Page } from '../types.ts';
import type { OcrPool, TessPage } from './ocr-pool.ts';
import { recognizeRaster, tessLines } from './ocr-recognize.ts';
import { chooseOrientation } from './orientation.ts';
import { rotateRaster, upscaleRaster, type Raster } from './raster.ts';

const SMALL_LINE_PX = 14;
const MAX_UPSCALED_PIXELS = 40_000_000;

export interface OcrPageOptions {
  pool: OcrPool;
  signal?: AbortSignal;
  /** Page coordinates per raster pixel (e.g. 72 / dpi), so the page comes out in points. */
  scale: number;
  /** Try quarter turns when the upright reading is poor (default true). */
  detectRotation?: boolean;
}

export interface OcrPageResult {
  page: Page;
  /** Quarter turns (clockwise) applied to make the page upright. */
  turns: number;
  confidence: number;
}

export async function ocrPage(raster: Raster, pageNumber: number, opts: OcrPageOptions): Promise<OcrPageResult> {
  if (opts.signal) checkpoint(opts.signal);
  let result = await recognizeRaster(opts.pool, raster, opts.signal);
  let turns = 0;
  if (opts.detectRotation !== false) {
    turns = await chooseOrientation(raster, result, opts.pool, opts.signal);
    if (turns !== 0) {
      if (opts.signal) checkpoint(opts.signal);
      raster = rotateRaster(raster, turns);
      result = await recognizeRaster(opts.pool, raster, opts.signal);
    }
  }
  // Small print (lines under ~14 px) reads markedly better enlarged: read it again at twice the size.
  let s = opts.scale;
  const lineHeight = medianLineHeight(result);
  if (lineHeight > 0 && lineHeight < SMALL_LINE_PX && raster.width * raster.height * 4 <= MAX_UPSCALED_PIXELS) {
    if (opts.signal) checkpoint(opts.signal);
    raster = upscaleRaster(raster, 2);
    result = await recognizeRaster(opts.pool, raster, opts.signal);
    s /= 2;
  }
  const items: RawItem[] = [];
  for (const line of tessLines(result)) {
    const top = line.bbox.y0 * s;
    const bottom = line.bbox.y1 * s;
    for (const w of line.words) {
      const text = w.text.trim();
      if (!text || (w.confidence < 20 && !/[\p{L}\p{N}]/u.test(text))) continue; // speckles read as punctuation
      items.push({ text, x: w.bbox.x0 * s, y: top, width: (w.bbox.x1 - w.bbox.x0) * s, height: Math.max(bottom - top, 1), baseline: bottom });
    }
  }
  const page: Page = { number: pageNumber, width: raster.width * s, height: raster.height * s, lines: groupLines(items), tables: [] };
  page.tables = detectTables(page);
  return { page, turns, confidence: result.confidence };
}

function medianLineHeight(p: TessPage): number {
  const h = tessLines(p).filter((l) => l.words.length > 0).map((l) => l.bbox.y1 - l.bbox.y0).sort((a, b) => a - b);
  return h.length === 0 ? 0 : h[h.length >> 1];
}
