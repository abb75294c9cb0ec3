// DrawingML (slide/notes XML) → blocks: paragraphs (<a:p>) of text runs (<a:t>, line breaks <a:br>) in
// document order, and tables (<a:tbl> rows of <a:tc> cells; merged continuation cells left empty).
// A linear tag scan, not a full XML parser; mc:Fallback copies of alternate content are skipped.
import { decodeEntities, type Block } from '../html-to-blocks.ts';

interface TableState {
  rows: string[][];
  row: string[] | null;
  cell: string | null;
}

export function drawingmlBlocks(xml: string): Block[] {
  const blocks: Block[] = [];
  const tables: TableState[] = [];
  let para = '';
  let inText = false;
  let skipDepth = 0; // inside mc:Fallback
  const tag = /<(\/?)([A-Za-z][\w.-]*:)?([A-Za-z][\w.-]*)([^>]*?)(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(xml); m !== null; m = tag.exec(xml)) {
    if (inText && skipDepth === 0) para += decodeEntities(xml.slice(last, m.index));
    last = tag.lastIndex;
    const closing = m[1] === '/';
    const selfClosing = m[5] === '/';
    const name = m[3];
    if (m[2] === 'mc:' && name === 'Fallback') {
      if (!selfClosing) skipDepth += closing ? -1 : 1;
      continue;
    }
    if (skipDepth > 0) continue;
    const t = tables[tables.length - 1];
    switch (name) {
      case 't':
        inText = !closing && !selfClosing;
        break;
      case 'br':
        if (!closing) para += '\n';
        break;
      case 'p':
        if (m[2] !== 'a:') break;
        if (closing || selfClosing) {
          if (t && t.cell !== null) t.cell += (t.cell ? ' ' : '') + para.replace(/\s+/g, ' ').trim();
          else for (const line of para.split('\n')) if (line.trim()) blocks.push({ kind: 'text', text: line.replace(/\s+/g, ' ').trim() });
          para = '';
        }
        break;
      case 'tbl':
        if (!closing) tables.push({ rows: [], row: null, cell: null });
        else if (t) {
          tables.pop();
          const width = t.rows.reduce((w, r) => Math.max(w, r.length), 0);
          const rows = t.rows.filter((r) => r.some((c) => c !== '')).map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
          const outer = tables[tables.length - 1];
          if (outer && outer.cell !== null) outer.cell += rows.map((r) => r.join(' ')).join(' ');
          else if (rows.length > 0) blocks.push({ kind: 'table', table: { rows, hasHeader: rows.length > 1 } });
        }
        break;
      case 'tr':
        if (t && !closing) t.row = [];
        else if (t && t.row) {
          t.rows.push(t.row);
          t.row = null;
        }
        break;
      case 'tc':
        if (!t || !t.row) break;
        if (!closing) {
          // Cells hidden by a merge repeat nothing; the merged text sits in the first cell.
          t.cell = '';
          if (selfClosing) {
            t.row.push('');
            t.cell = null;
          }
        } else if (t.cell !== null) {
          t.row.push(t.cell.trim());
          t.cell = null;
        }
        break;
    }
  }
  return blocks;
}
