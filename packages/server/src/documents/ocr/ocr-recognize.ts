// One tesseract pass over a raster: PGM in, tesseract's page (blocks → paragraphs → lines → words) out.
import type { OcrPool, TessLine, TessPage } from './ocr-pool.ts';
import { encodePgm, type Raster } from './raster.ts';

export async function recognizeRaster(pool: OcrPool, raster: Raster, signal?: AbortSignal): Promise<TessPage> {
  const image = encodePgm(raster);
  const { data } = await pool.use(signal, (w) => w.recognize(image, {}, { text: true, blocks: true }));
  return data;
}

export function tessLines(p: TessPage): TessLine[] {
  return (p.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((para) => para.lines));
}
