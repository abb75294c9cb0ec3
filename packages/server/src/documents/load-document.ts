// Entry point for turning document bytes into a LoadedDocument: sniff the format, dispatch to its loader.
import { checkpoint } from '../engines/types.ts';
import { RunFailure } from '../runs/failures.ts';
import { loadPdf } from './pdf-loader.ts';
import { sniffFormat } from './sniff.ts';
import { loadText } from './text-loader.ts';
import type { LoadedDocument } from './types.ts';

export interface LoadDocumentOptions {
  filename: string;
  signal?: AbortSignal;
  maxPages?: number;
  onPage?: (done: number, total: number) => void;
  password?: string;
}

export async function loadDocument(bytes: Uint8Array, opts: LoadDocumentOptions): Promise<LoadedDocument> {
  if (opts.signal) checkpoint(opts.signal);
  if (bytes.length === 0) throw new RunFailure('corrupt_document', 'The document is empty (0 bytes)');
  const sniffed = sniffFormat(bytes, opts.filename);
  if (sniffed.format === null) {
    throw new RunFailure('unsupported_format', `${capitalise(pluralLabel(sniffed.label))} not supported yet`, {
      detected_mime_type: sniffed.mimeType,
    });
  }
  if (sniffed.format === 'pdf') return loadPdf(bytes, opts);
  return loadText(bytes, sniffed.format, opts);
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
