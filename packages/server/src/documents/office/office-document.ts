// Shared tail of the office and mail loaders: page-limit check, progress, and the LoadedDocument shape.
import { RunFailure } from '../../runs/failures.ts';
import type { DocumentFormat, LoadedDocument, Page } from '../types.ts';

export interface OfficeLoadOptions {
  filename: string;
  signal?: AbortSignal;
  maxPages?: number;
  onPage?: (done: number, total: number) => void;
}

export const OFFICE_MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  eml: 'message/rfc822',
} as const;

export function finishDocument(format: DocumentFormat, mimeType: string, pages: Page[], opts: OfficeLoadOptions, warnings: string[] = []): LoadedDocument {
  checkPageCount(pages.length, opts.maxPages);
  // A workbook without sheets or a deck without slides still reads as one (empty) page.
  if (pages.length === 0) pages.push({ number: 1, width: 0, height: 0, lines: [], tables: [] });
  pages.forEach((p, i) => {
    p.number = i + 1;
    opts.onPage?.(i + 1, pages.length);
  });
  const doc: LoadedDocument = {
    format,
    mimeType,
    filename: opts.filename,
    pages,
    pageTexts: pages.map((p) => p.lines.map((l) => l.text).join('\n')),
  };
  if (warnings.length > 0) doc.warnings = warnings;
  return doc;
}

export function checkPageCount(count: number, maxPages: number | undefined): void {
  if (maxPages !== undefined && count > maxPages) {
    throw new RunFailure('too_many_pages', `The document has ${count} pages; the limit is ${maxPages}`, { page_count: count, max_pages: maxPages });
  }
}

/** A third-party reader's error on a checked archive means the content is damaged. */
export function corrupt(what: string, err: unknown): RunFailure {
  if (err instanceof RunFailure) return err;
  const msg = err instanceof Error ? err.message : String(err);
  return new RunFailure('corrupt_document', `The ${what} could not be read: ${msg.slice(0, 200)}`);
}
