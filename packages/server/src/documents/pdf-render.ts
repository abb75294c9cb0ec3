// Renders one PDF page to a greyscale raster for OCR with pdfjs and @napi-rs/canvas (pdfjs's own canvas
// factory), at up to 300 dpi, smaller when the page would exceed the pixel budget.
import { rasterFromRgba, type Raster } from './ocr/raster.ts';

export interface RenderablePage {
  getViewport(p: { scale: number }): { width: number; height: number };
  render(p: { canvasContext: unknown; viewport: unknown; canvas: unknown }): { promise: Promise<void>; cancel(): void };
}
interface CanvasAndContext {
  canvas: { width: number; height: number };
  context: { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}
export interface CanvasFactoryOwner {
  canvasFactory: { create(w: number, h: number): CanvasAndContext; destroy(c: CanvasAndContext): void };
}

const DPI = 300;

/** Render at `DPI` (capped to `maxPixels`); returns the raster and its pixels per PDF point. */
export async function renderPageRaster(doc: CanvasFactoryOwner, page: RenderablePage, maxPixels: number, signal?: AbortSignal): Promise<{ raster: Raster; scale: number }> {
  const base = page.getViewport({ scale: 1 });
  let scale = DPI / 72;
  const pixels = base.width * scale * base.height * scale;
  if (pixels > maxPixels) scale *= Math.sqrt(maxPixels / pixels);
  const viewport = page.getViewport({ scale });
  const w = Math.max(1, Math.floor(viewport.width));
  const h = Math.max(1, Math.floor(viewport.height));
  const cc = doc.canvasFactory.create(w, h);
  try {
    cc.context.fillStyle = '#ffffff';
    cc.context.fillRect(0, 0, w, h);
    const task = page.render({ canvasContext: cc.context, viewport, canvas: cc.canvas });
    const onAbort = () => task.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await task.promise;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    const { data } = cc.context.getImageData(0, 0, w, h);
    return { raster: rasterFromRgba(data, w, h), scale };
  } finally {
    doc.canvasFactory.destroy(cc);
  }
}
