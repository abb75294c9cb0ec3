// Loads pdfjs-dist (legacy build, Node) once, with its worker running in-thread and its font/cmap/wasm
// data resolved to filesystem paths inside the installed package (nothing is fetched at run time).
import { createRequire } from 'node:module';
import path from 'node:path';

type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

const require = createRequire(import.meta.url);
const pkgDir = path.dirname(require.resolve('pdfjs-dist/package.json'));

/** Directory paths pdfjs needs, each with a trailing slash. */
export const PDFJS_DATA = {
  standardFontDataUrl: path.join(pkgDir, 'standard_fonts') + path.sep,
  cMapUrl: path.join(pkgDir, 'cmaps') + path.sep,
  wasmUrl: path.join(pkgDir, 'wasm') + path.sep,
  iccUrl: path.join(pkgDir, 'iccs') + path.sep,
};

let loading: Promise<PdfjsModule> | null = null;

/** The pdfjs module, imported on first use. */
export function getPdfjs(): Promise<PdfjsModule> {
  loading ??= (async () => {
    const g = globalThis as { pdfjsWorker?: unknown };
    if (!g.pdfjsWorker) {
      // Registering the worker module on globalThis makes pdfjs run its "fake worker" in this thread
      // without a dynamic import by URL (which breaks under bundlers/test runners).
      const workerPath: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
      g.pdfjsWorker = await import(workerPath);
    }
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return loading;
}
