// Entry point for turning document bytes into a LoadedDocument: sniff the format, dispatch to its loader.
import { checkpoint } from '../engines/types.ts';
import { RunFailure } from '../runs/failures.ts';
import { loadDocx } from './office/docx-loader.ts';
import { loadEml } from './office/eml-loader.ts';
import { loadPptx } from './office/pptx-loader.ts';
import { loadXlsx } from './office/xlsx-loader.ts';
import type { ZipLimits } from './office/zip-limits.ts';
import { loadImageDocument } from './image-loader.ts';
import { loadPdf } from './pdf-loader.ts';
import { ENCRYPTED_OOXML_MIME, sniffFormat } from './sniff.ts';
import { loadText } from './text-loader.ts';
import type { LoadedDocument } from './types.ts';

export interface LoadDocumentOptions {
  filename: string;
  signal?: AbortSignal;
  maxPages?: number;
  onPage?: (done: number, total: number) => void;
  password?: string;
  /** Limits on unzipped size and entry count of DOCX/XLSX/PPTX containers. */
  zipLimits?: ZipLimits;
  /** Nesting depth of this document (attachments of an email are loaded one level deeper). */
  depth?: number;
  /** tesseract.js workers for OCR of images and scanned PDF pages (per engine thread). */
  ocrWorkers?: number;
  /** Largest image (per page) accepted, in pixels; checked from the header before decoding. */
  maxImagePixels?: number;
}

export async function loadDocument(bytes: Uint8Array, opts: LoadDocumentOptions): Promise<LoadedDocument> {
  if (opts.signal) checkpoint(opts.signal);
  if (bytes.length === 0) throw new RunFailure('corrupt_document', 'The document is empty (0 bytes)');
  const sniffed = sniffFormat(bytes, opts.filename);
  if (sniffed.mimeType === ENCRYPTED_OOXML_MIME) {
    throw new RunFailure('password_required', 'The Office document is encrypted with a password', { detected_mime_type: sniffed.mimeType });
  }
  if (sniffed.format === null) {
    throw new RunFailure('unsupported_format', `${capitalise(pluralLabel(sniffed.label))} not supported yet`, {
      detected_mime_type: sniffed.mimeType,
    });
  }
  switch (sniffed.format) {
    case 'pdf':
      return loadPdf(bytes, opts);
    case 'image':
      return loadImageDocument(bytes, sniffed.mimeType, opts);
    case 'docx':
      return loadDocx(bytes, opts);
    case 'xlsx':
      return loadXlsx(bytes, opts);
    case 'pptx':
      return loadPptx(bytes, opts);
    case 'eml': {
      const nested = (b: Uint8Array, filename: string, depth: number) =>
        loadDocument(b, { ...opts, filename, depth, onPage: undefined });
      return loadEml(bytes, { ...opts, loadNested: nested });
    }
    default:
      return loadText(bytes, sniffed.format, opts);
  }
}

/** "PNG image" → "PNG images are"; "unrecognised binary data" → "unrecognised binary data is". */
function pluralLabel(label: string): string {
  if (/(image|document|workbook|presentation|message|archive|spreadsheet)( \(|$)/.test(label)) {
    return label.replace(/(image|document|workbook|presentation|message|archive|spreadsheet)\b/, '$1s') + ' are';
  }
  return `${label} is`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
