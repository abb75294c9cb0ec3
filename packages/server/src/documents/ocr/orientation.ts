// Orientation of a scan without tesseract's OSD data (not shipped): when the upright reading is poor,
// OCR a downscaled copy in each quarter turn and keep the turn whose words read best.
import type { OcrPool, TessPage } from './ocr-pool.ts';
import { recognizeRaster, tessLines } from './ocr-recognize.ts';
import { downscaleRaster, rotateRaster, type Raster } from './raster.ts';
import { isWordLike, ocrScore } from './word-quality.ts';

/** Longest side of the copy used to compare orientations. */
const PROBE_SIDE = 1400;

/** Quarter turns (clockwise, 0–3) that make the page upright; 0 when the first reading is already good. */
export async function chooseOrientation(raster: Raster, upright: TessPage, pool: OcrPool, signal?: AbortSignal): Promise<number> {
  const words = tessLines(upright).flatMap((l) => l.words);
  if (words.length === 0) return 0; // blank page (or no text at all): nothing to turn
  const good = words.filter((w) => w.confidence >= 60 && isWordLike(w.text)).length;
  // Upright text, even small or noisy print, reads at ≥ 50 % confidence; sideways or upside-down text does not.
  if (upright.confidence >= 50 && good / words.length >= 0.4) return 0;
  const { raster: probe } = downscaleRaster(raster, PROBE_SIDE);
  const scores: number[] = [];
  for (let t = 0; t < 4; t++) {
    const r = await recognizeRaster(pool, rotateRaster(probe, t), signal);
    scores.push(ocrScore(tessLines(r).flatMap((l) => l.words)));
  }
  const best = scores.indexOf(Math.max(...scores));
  // Turn only on clear evidence: the winner must beat the upright reading by a margin.
  return best !== 0 && scores[best] > scores[0] * 2 + 5 ? best : 0;
}
