// PDF → LoadedDocument with pdfjs-dist: positioned text lines per page in reading order (top-left origin,
// page rotation applied), tables detected from text positions, stable RunFailure codes for bad input.
import { checkpoint } from '../engines/types.ts';
import { RunFailure } from '../runs/failures.ts';
import { groupLines, type RawItem } from './pdf-lines.ts';
import { PDFJS_DATA, getPdfjs } from './pdfjs.ts';
import { imageOps, ocrScannedPage } from './scan-pages.ts';
import { detectTables } from './tables.ts';
import type { LoadedDocument, Page } from './types.ts';

export interface LoadPdfOptions {
  filename: string;
  signal?: AbortSignal;
  maxPages?: number;
  onPage?: (done: number, total: number) => void;
  /** User or owner password for encrypted PDFs (empty user passwords open without one). */
  password?: string;
  /** OCR of scanned pages (image-only or garbage text layer). */
  ocrWorkers?: number;
  maxImagePixels?: number;
}

type Matrix = [number, number, number, number, number, number];

export async function loadPdf(bytes: Uint8Array, opts: LoadPdfOptions): Promise<LoadedDocument> {
  const signal = opts.signal ?? new AbortController().signal;
  checkpoint(signal);
  const pdfjs = await getPdfjs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes), // pdfjs detaches the buffer it is given: hand it a copy
    password: opts.password === undefined ? undefined : saslPrep(opts.password),
    standardFontDataUrl: PDFJS_DATA.standardFontDataUrl,
    cMapUrl: PDFJS_DATA.cMapUrl,
    cMapPacked: true,
    wasmUrl: PDFJS_DATA.wasmUrl,
    iccUrl: PDFJS_DATA.iccUrl,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  // pdfjs asks for a password through this callback; without a usable one, fail instead of waiting.
  task.onPassword = (_update: unknown, reason: number) => {
    const wrong = reason === pdfjs.PasswordResponses.INCORRECT_PASSWORD;
    failPassword = new RunFailure('password_required', wrong ? 'The password for this PDF is incorrect' : 'This PDF is encrypted and needs a password');
    void task.destroy();
  };
  let failPassword: RunFailure | null = null;
  const onAbort = () => void task.destroy();
  signal.addEventListener('abort', onAbort, { once: true });
  const warnings: string[] = [];
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (err) {
      throw failPassword ?? mapLoadError(err, signal);
    }
    const total = doc.numPages;
    if (opts.maxPages !== undefined && total > opts.maxPages) {
      throw new RunFailure('too_many_pages', `The PDF has ${total} pages; the limit is ${opts.maxPages}`, {
        page_count: total,
        max_pages: opts.maxPages,
      });
    }
    const pages: Page[] = [];
    for (let n = 1; n <= total; n++) {
      checkpoint(signal);
      try {
        const page = await loadPage(pdfjs.Util.transform as MatrixMul, doc, n);
        pages.push((await ocrScannedPage(doc as never, imageOps(pdfjs.OPS), page, opts)) ?? page);
      } catch (err) {
        if (signal.aborted) throw new RunFailure('cancelled', 'The run was cancelled');
        warnings.push(`page ${n}: ${err instanceof Error ? err.message : String(err)}`);
        pages.push({ number: n, width: 0, height: 0, lines: [], tables: [] });
      }
      opts.onPage?.(n, total);
    }
    checkpoint(signal);
    if (total > 0 && warnings.length === total) {
      throw new RunFailure('corrupt_document', `No page of the PDF could be read (${warnings[0]})`);
    }
    const result: LoadedDocument = {
      format: 'pdf',
      mimeType: 'application/pdf',
      filename: opts.filename,
      pages,
      pageTexts: pages.map((p) => p.lines.map((l) => l.text).join('\n')),
    };
    if (warnings.length > 0) result.warnings = warnings;
    return result;
  } finally {
    signal.removeEventListener('abort', onAbort);
    await task.destroy().catch(() => undefined);
  }
}

type MatrixMul = (a: number[], b: number[]) => number[];

interface PdfDoc {
  getPage(n: number): Promise<PdfPage>;
}
interface PdfPage {
  getViewport(p: { scale: number }): { width: number; height: number; transform: number[] };
  getTextContent(): Promise<{ items: unknown[] }>;
  cleanup(): unknown;
}
interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

async function loadPage(mul: MatrixMul, doc: PdfDoc, n: number): Promise<Page> {
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const placed: { tx: Matrix; it: PdfTextItem; text: string }[] = [];
  for (const item of content.items) {
    if (!item || typeof (item as PdfTextItem).str !== 'string') continue; // marked-content markers
    const it = item as PdfTextItem;
    const text = it.str.replace(/[\u00AD\u0000]/g, '');
    if (text.trim().length === 0) continue;
    placed.push({ tx: mul(viewport.transform, it.transform) as Matrix, it, text });
  }
  page.cleanup();
  // If most text runs sideways or upside down once /Rotate is applied (a scanned-sideways layout, or a
  // rotation that does not match the content), turn the page so that the dominant direction reads left to right.
  let { width, height } = viewport;
  const turn = dominantTurn(placed);
  if (turn !== 0) {
    const fix = turnMatrix(turn, width, height);
    for (const p of placed) p.tx = mul(fix, p.tx) as Matrix;
    if (turn % 2 === 1) [width, height] = [height, width];
  }
  const lines = groupLines(placed.map((p) => placeItem(p.tx, p.it, p.text)));
  const result: Page = { number: n, width, height, lines, tables: [] };
  result.tables = detectTables(result);
  return result;
}

/** Quarter turns (0–3, clockwise) of the text direction that carries most characters. */
function dominantTurn(placed: { tx: Matrix; text: string }[]): number {
  const weight = [0, 0, 0, 0];
  for (const p of placed) {
    const q = Math.round(Math.atan2(p.tx[1], p.tx[0]) / (Math.PI / 2));
    weight[((q % 4) + 4) % 4] += p.text.length;
  }
  const best = weight.indexOf(Math.max(...weight));
  return weight[best] > weight[0] ? best : 0;
}

/** Matrix that rotates viewport space back by `turn` quarter turns, keeping the page in positive coordinates. */
function turnMatrix(turn: number, w: number, h: number): number[] {
  if (turn === 1) return [0, -1, 1, 0, 0, w]; // undo a clockwise quarter turn: (x, y) → (y, w - x)
  if (turn === 2) return [-1, 0, 0, -1, w, h];
  return [0, 1, -1, 0, h, 0]; // turn 3: (x, y) → (h - y, x)
}

/** Position an item in viewport space (top-left origin, rotation applied) as an axis-aligned box. */
function placeItem(tx: Matrix, it: PdfTextItem, text: string): RawItem {
  const fontHeight = Math.hypot(tx[2], tx[3]) || it.height || 1;
  const angle = Math.atan2(tx[1], tx[0]);
  const [ox, oy] = [tx[4], tx[5]];
  if (Math.abs(angle) < 0.05) {
    // pdfjs reports the advance width in page units already (viewport scale is 1).
    return { text, x: ox, y: oy - fontHeight, width: Math.max(it.width, 0), height: fontHeight, baseline: oy };
  }
  // Text running in another direction: bounding box of its rectangle (advance along the text direction,
  // font height along the perpendicular "up" direction).
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  const w = it.width;
  const corners = [
    [ox, oy],
    [ox + ux * w, oy + uy * w],
    [ox + uy * fontHeight, oy - ux * fontHeight],
    [ox + ux * w + uy * fontHeight, oy + uy * w - ux * fontHeight],
  ];
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  const bottom = Math.max(...ys);
  return { text, x, y, width: Math.max(...xs) - x, height: Math.max(bottom - y, 1), baseline: bottom };
}

function mapLoadError(err: unknown, signal: AbortSignal): RunFailure {
  if (err instanceof RunFailure) return err;
  if (signal.aborted) return new RunFailure('cancelled', 'The run was cancelled');
  const name = (err as { name?: string } | null)?.name;
  const message = err instanceof Error || (err && typeof (err as { message?: unknown }).message === 'string') ? (err as { message: string }).message : String(err);
  if (name === 'PasswordException') return new RunFailure('password_required', 'This PDF is encrypted and needs a password');
  if (name === 'InvalidPDFException') return new RunFailure('corrupt_document', `The PDF could not be read: ${message}`);
  return new RunFailure('corrupt_document', `The PDF could not be opened: ${message}`);
}

/** Approximate SASLprep (RFC 4013), which AES-256 (R6) PDFs require: drop characters mapped to nothing
 *  (soft hyphen, zero-width joiners, variation selectors), map non-ASCII spaces to a space, NFKC. ASCII
 *  passwords are unchanged. */
function saslPrep(password: string): string {
  return password
    .replace(/[\u00AD\u034F\u1806\u180B-\u180D\u200B-\u200D\u2060\uFE00-\uFE0F\uFEFF]/g, '')
    .replace(/[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    .normalize('NFKC');
}
