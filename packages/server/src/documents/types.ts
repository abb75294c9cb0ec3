// The loaded document every engine reads: pages of positioned text lines, plus tables.
// Coordinates are in PDF points with the origin at the TOP-LEFT of the page (y grows down).

export type DocumentFormat = 'pdf' | 'text' | 'markdown' | 'csv' | 'json' | 'html' | 'docx' | 'xlsx' | 'pptx' | 'eml' | 'image';

export interface TextItem {
  text: string;
  x: number; // left
  y: number; // top
  width: number;
  height: number;
}

/** One visual line: items on the same baseline, left to right. `text` joins them with single spaces
 *  (or with wider gaps rendered as runs of two or more spaces, so column structure survives). */
export interface TextLine {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  items: TextItem[];
}

export interface Table {
  /** Rows of cell strings; rows[0] is the header row when `hasHeader`. */
  rows: string[][];
  hasHeader: boolean;
  /** Index range of the page's lines the table was built from (inclusive start, exclusive end). */
  lineStart: number;
  lineEnd: number;
}

export interface Page {
  number: number; // 1-based
  width: number;
  height: number;
  lines: TextLine[]; // reading order
  tables: Table[];
}

export interface LoadedDocument {
  format: DocumentFormat;
  mimeType: string;
  filename: string;
  pages: Page[];
  /** Plain text of each page (lines joined with \n), same order as pages. */
  pageTexts: string[];
  /** Non-fatal problems met while loading (e.g. a page that could not be read and was left empty). */
  warnings?: string[];
}
