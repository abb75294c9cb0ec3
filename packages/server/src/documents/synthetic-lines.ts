// Builds TextLines with synthetic positions for documents that have no geometry (text, CSV, HTML):
// x 0, y = line index × 12, width from the character count (6 pt per character), height 10.
import type { Page, Table, TextItem, TextLine } from './types.ts';

export const LINE_PITCH = 12;
export const CHAR_WIDTH = 6;

/** One line of plain text at line index `index`. Empty lines keep their slot but have no items. */
export function syntheticLine(text: string, index: number): TextLine {
  const y = index * LINE_PITCH;
  const width = text.length * CHAR_WIDTH;
  const items: TextItem[] = text.trim().length > 0 ? [{ text: text.trim(), x: 0, y, width, height: 10 }] : [];
  return { text, x: 0, y, width, height: 10, items };
}

/** One table row as a line: cells padded to column widths, each cell its own item so columns align. */
export function syntheticRowLine(cells: string[], colWidths: number[], index: number): TextLine {
  const y = index * LINE_PITCH;
  const items: TextItem[] = [];
  let col = 0;
  let text = '';
  cells.forEach((cell, i) => {
    const flat = cell.replace(/\s+/g, ' ').trim();
    if (flat) items.push({ text: flat, x: col * CHAR_WIDTH, y, width: flat.length * CHAR_WIDTH, height: 10 });
    text += i === 0 ? flat : '  ' + flat;
    if (i < cells.length - 1) text = text.padEnd(col + (colWidths[i] ?? 0), ' ');
    col += (colWidths[i] ?? 0) + 2;
  });
  text = text.trimEnd();
  return { text, x: 0, y, width: text.length * CHAR_WIDTH, height: 10, items };
}

/** Column widths (characters) of a table's rows. */
export function columnWidths(rows: string[][]): number[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.replace(/\s+/g, ' ').trim().length)));
  return widths;
}

/** A page from blocks of plain lines and tables, in order; tables get their line ranges filled in. */
export function pageFromBlocks(number: number, blocks: ({ kind: 'text'; text: string } | { kind: 'table'; table: Omit<Table, 'lineStart' | 'lineEnd'> })[]): Page {
  const lines: TextLine[] = [];
  const tables: Table[] = [];
  for (const b of blocks) {
    if (b.kind === 'text') {
      lines.push(syntheticLine(b.text, lines.length));
      continue;
    }
    const widths = columnWidths(b.table.rows);
    const lineStart = lines.length;
    for (const r of b.table.rows) lines.push(syntheticRowLine(r, widths, lines.length));
    tables.push({ ...b.table, lineStart, lineEnd: lines.length });
  }
  const width = lines.reduce((w, l) => Math.max(w, l.width), 0);
  return { number, width, height: lines.length * LINE_PITCH, lines, tables };
}

/** Header guess for a grid without markup: first row all non-empty, non-numeric, distinct. */
export function looksLikeHeader(rows: string[][]): boolean {
  if (rows.length < 2) return false;
  const first = rows[0];
  const numeric = (s: string) => /^[-+]?[\d.,\s%$€£]+$/.test(s);
  return first.every((c) => c.length > 0 && !numeric(c)) && new Set(first).size === first.length;
}
