// Text formats → LoadedDocument: plain text and markdown (pages split on form feed), CSV (one table),
// JSON (pretty-printed), HTML (readable text plus tables). Lines carry synthetic positions.
import { RunFailure } from '../runs/failures.ts';
import { parseCsv } from './csv-parse.ts';
import { htmlToBlocks } from './html-to-blocks.ts';
import { decodeText, detectCsvDelimiter } from './sniff.ts';
import { looksLikeHeader, pageFromBlocks } from './synthetic-lines.ts';
import type { DocumentFormat, LoadedDocument, Page } from './types.ts';

export type TextFormat = Extract<DocumentFormat, 'text' | 'markdown' | 'csv' | 'json' | 'html'>;

const MIME: Record<TextFormat, string> = {
  text: 'text/plain',
  markdown: 'text/markdown',
  csv: 'text/csv',
  json: 'application/json',
  html: 'text/html',
};

export interface LoadTextOptions {
  filename: string;
  maxPages?: number;
  onPage?: (done: number, total: number) => void;
}

export function loadText(bytes: Uint8Array, format: TextFormat, opts: LoadTextOptions): LoadedDocument {
  const text = decodeText(bytes);
  if (text === null) throw new RunFailure('corrupt_document', 'The document is not valid UTF-8 or UTF-16 text');
  const pages = buildPages(text.replace(/\r\n?/g, '\n'), format);
  if (opts.maxPages !== undefined && pages.length > opts.maxPages) {
    throw new RunFailure('too_many_pages', `The document has ${pages.length} pages; the limit is ${opts.maxPages}`, {
      page_count: pages.length,
      max_pages: opts.maxPages,
    });
  }
  pages.forEach((_, i) => opts.onPage?.(i + 1, pages.length));
  return {
    format,
    mimeType: MIME[format],
    filename: opts.filename,
    pages,
    pageTexts: pages.map((p) => p.lines.map((l) => l.text).join('\n')),
  };
}

function buildPages(text: string, format: TextFormat): Page[] {
  switch (format) {
    case 'csv': {
      const rows = parseCsv(text, detectCsvDelimiter(text) ?? ',');
      const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
      const grid = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
      if (grid.length === 0) return [pageFromBlocks(1, [])];
      return [pageFromBlocks(1, [{ kind: 'table', table: { rows: grid, hasHeader: looksLikeHeader(grid) } }])];
    }
    case 'json': {
      let pretty: string;
      try {
        pretty = JSON.stringify(JSON.parse(text.replace(/^\uFEFF/, '')), null, 2);
      } catch (err) {
        throw new RunFailure('corrupt_document', `The JSON document does not parse: ${(err as Error).message}`);
      }
      return [plainPage(1, pretty)];
    }
    case 'html':
      return text.split('\f').map((part, i) => pageFromBlocks(i + 1, htmlToBlocks(part)));
    default:
      return text.split('\f').map((part, i) => plainPage(i + 1, part));
  }
}

function plainPage(number: number, text: string): Page {
  const lines = text.replace(/^\uFEFF/, '').replace(/\s+$/, '').split('\n');
  // Leading blank lines carry no content; keep inner blank lines (paragraph breaks).
  while (lines.length > 0 && lines[0].trim() === '') lines.shift();
  return pageFromBlocks(number, lines.map((l) => ({ kind: 'text' as const, text: l.replace(/\t/g, '    ').replace(/\s+$/, '') })));
}
