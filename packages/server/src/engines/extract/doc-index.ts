// A searchable view of a LoadedDocument for extraction: every line split into segments (runs of text
// separated by wide gaps, i.e. cells), each with normalised text and an x-range, plus document-wide hints.
import type { LoadedDocument } from '../../documents/types.ts';
import { norm } from './normalize.ts';
import { detectDateOrder, type DateOrder } from './parse-date.ts';

export interface Segment {
  text: string;
  norm: string;
  x0: number;
  x1: number;
}

export interface IndexedLine {
  /** Position of the line in the whole document (reading order across pages). */
  order: number;
  page: number;
  /** Index of the line within its page. */
  index: number;
  y: number;
  height: number;
  pageHeight: number;
  text: string;
  segments: Segment[];
}

export interface DocIndex {
  lines: IndexedLine[];
  byPage: IndexedLine[][];
  dateOrder: DateOrder;
  pageCount: number;
}

export function buildDocIndex(doc: LoadedDocument): DocIndex {
  const lines: IndexedLine[] = [];
  const byPage: IndexedLine[][] = [];
  for (const page of doc.pages) {
    const pageLines: IndexedLine[] = [];
    page.lines.forEach((line, index) => {
      const segments = lineSegments(line.items.length > 0 ? line.items : [{ text: line.text, x: line.x, y: line.y, width: line.width, height: line.height }], line.height);
      if (segments.length === 0) return;
      const entry: IndexedLine = {
        order: lines.length,
        page: page.number,
        index,
        y: line.y,
        height: Math.max(line.height, 1),
        pageHeight: page.height > 0 ? page.height : Math.max(1, page.lines.length * 12),
        text: line.text,
        segments,
      };
      lines.push(entry);
      pageLines.push(entry);
    });
    byPage.push(pageLines);
  }
  return { lines, byPage, dateOrder: detectDateOrder(doc.pageTexts), pageCount: doc.pages.length };
}

interface ItemLike {
  text: string;
  x: number;
  width: number;
  height: number;
}

/** Split a line into cells: items closer than ~0.9 em merge; runs of 2+ spaces inside an item split it. */
export function lineSegments(items: ItemLike[], lineHeight: number): Segment[] {
  const pieces: { text: string; x0: number; x1: number }[] = [];
  for (const it of items) {
    const text = it.text;
    const charW = text.length > 0 ? it.width / text.length : 0;
    const re = /\S+(?: \S+)*/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      pieces.push({ text: m[0], x0: it.x + m.index * charW, x1: it.x + (m.index + m[0].length) * charW });
    }
  }
  pieces.sort((a, b) => a.x0 - b.x0);
  const em = Math.max(lineHeight, 4);
  const out: Segment[] = [];
  for (const p of pieces) {
    const prev = out[out.length - 1];
    if (prev && p.x0 - prev.x1 < 0.9 * em && p.x0 >= prev.x0) {
      prev.text += (p.x0 - prev.x1 < 0.1 * em && /[\p{L}\p{N}]$/u.test(prev.text) ? '' : ' ') + p.text;
      prev.x1 = Math.max(prev.x1, p.x1);
      prev.norm = norm(prev.text);
      continue;
    }
    out.push({ text: p.text, norm: norm(p.text), x0: p.x0, x1: p.x1 });
  }
  return out;
}
