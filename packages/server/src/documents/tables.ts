// Detects tables on a PDF page from text positions: runs of consecutive lines whose cells (items split by
// wide gaps) align in columns, with continuation lines folded into cells and a header row recognised.
// Deliberately conservative: label/value blocks and ragged multi-column prose are not tables.
import { WIDE_GAP_EM } from './pdf-lines.ts';
import type { Page, Table, TextLine } from './types.ts';

interface Cell {
  text: string;
  x0: number;
  x1: number;
}
interface Span {
  x0: number;
  x1: number;
}
interface Run {
  columns: Span[];
  /** Rows: cells with their line, plus 1-cell continuation lines appended to the row above. */
  rows: { cells: Cell[]; lines: number[] }[];
  start: number;
  end: number; // exclusive line index
}

const NUMERIC = /^[-+(]?\s*(?:[$€£¥₹]|[A-Z]{3}\s)?\s*[-+]?\d[\d\s.,']*(?:\s?[%$€£¥₹]|\s[A-Z]{3}|\))?$/;

export function isNumericCell(s: string): boolean {
  return NUMERIC.test(s.trim());
}

/** Cells of a line: its items grouped wherever the horizontal gap is wide. */
export function lineCells(line: TextLine): Cell[] {
  const cells: Cell[] = [];
  for (const it of line.items) {
    const prev = cells[cells.length - 1];
    const em = Math.max(it.height, 1);
    if (prev && it.x - prev.x1 <= WIDE_GAP_EM * em) {
      prev.text += ' ' + it.text;
      prev.x1 = Math.max(prev.x1, it.x + it.width);
    } else {
      cells.push({ text: it.text, x0: it.x, x1: it.x + it.width });
    }
  }
  return cells;
}

const overlaps = (a: Span, b: Span, tol = 1) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > -tol;

export function detectTables(page: Page): Table[] {
  const lines = page.lines;
  const cells = lines.map(lineCells);
  const tables: Table[] = [];
  let run: Run | null = null;
  const close = () => {
    if (run) {
      const t = finish(run);
      if (t) tables.push(t);
    }
    run = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const c = cells[i];
    const r = run as Run | null;
    const gap = r ? lines[i].y - (lines[r.end - 1].y + lines[r.end - 1].height) : 0;
    if (r && gap > 3.5 * Math.max(lines[i].height, 1)) close();
    const cur = run as Run | null;
    // A cell wider than ~45% of the page is running prose, which never sits in a table row.
    const prose = c.some((x) => x.x1 - x.x0 > 0.45 * page.width);
    if (c.length >= 2 && !prose) {
      if (cur && fits(cur, c, lines, i)) continue;
      close();
      run = { columns: c.map((x) => ({ x0: x.x0, x1: x.x1 })), rows: [{ cells: c, lines: [i] }], start: i, end: i + 1 };
    } else if (cur && !prose && c.length === 1 && cur.columns.filter((col) => overlaps(col, c[0])).length === 1) {
      // A one-cell line inside a column: wrapped text of the data row above when it continues a text
      // cell of that row; otherwise a row of its own (a section title, a subtotal).
      const last = cur.rows[cur.rows.length - 1];
      const above = last.cells.find((x) => overlaps(x, c[0]));
      const dataRow = last.cells.some((x) => isNumericCell(x.text));
      const prevLine = lines[cur.end - 1];
      const lineGap = lines[i].y - (prevLine.y + prevLine.height);
      const wrapped = dataRow && above && !isNumericCell(above.text) && !isNumericCell(c[0].text) && lineGap <= Math.max(lines[i].height, 1);
      const headerTail = cur.rows.length === 1 && lines[i].y - prevLine.y < 1.35 * Math.max(prevLine.height, 1);
      if (wrapped || headerTail) last.cells.push(c[0]), last.lines.push(i);
      else cur.rows.push({ cells: c, lines: [i] });
      cur.end = i + 1;
    } else {
      close();
    }
  }
  close();
  return tables;
}

/** Add line i to the run if its cells align with the run's columns; adjusts the columns. */
function fits(run: Run, c: Cell[], lines: TextLine[], i: number): boolean {
  const hits = c.map((cell) => run.columns.map((col, k) => (overlaps(col, cell) ? k : -1)).filter((k) => k >= 0));
  const used = new Set<number>();
  let bridges = 0;
  let clash = false;
  for (const h of hits) {
    if (h.length > 1) bridges += h.length - 1;
    for (const k of h) {
      if (used.has(k)) clash = true;
      used.add(k);
    }
  }
  if (clash) {
    // Two cells under one column. Under a lone header row with fewer cells (a header cell spanning two
    // value columns, e.g. "VAT  Price incl. VAT"), the data row defines the columns; otherwise it is a
    // different layout and the table ends.
    const head = run.rows[0];
    if (run.rows.length !== 1 || c.length <= head.cells.length || head.cells.some((x) => isNumericCell(x.text))) return false;
    run.columns = c.map((x) => ({ x0: x.x0, x1: x.x1 }));
    for (const x of head.cells) if (!run.columns.some((col) => overlaps(col, x))) run.columns.push({ x0: x.x0, x1: x.x1 });
    run.columns.sort((a, b) => a.x0 - b.x0);
    run.rows.push({ cells: c, lines: [i] });
    run.end = i + 1;
    return true;
  }
  const matched = hits.filter((h) => h.length > 0).length;
  if (matched < 2 && !(matched === 1 && c.length === 2)) return false;
  // A cell spanning two columns is fine in a full row (e.g. "1 Item" under "No." and "Item"), not in a
  // short summary row ("Total net" under "Qty" and "Price"), which ends the table.
  if (bridges > 0 && (c.length < 3 || c.length < run.columns.length - 1 || bridges > 1)) return false;
  // Header continuation: a short, tightly set line right under the first row joins it.
  const prevLine = lines[run.end - 1];
  const tight = lines[i].y - prevLine.y < 1.35 * Math.max(prevLine.height, 1);
  if (run.rows.length === 1 && tight && c.length < run.rows[0].cells.length) {
    run.rows[0].cells.push(...c);
    run.rows[0].lines.push(i);
  } else {
    run.rows.push({ cells: c, lines: [i] });
  }
  for (const cell of c) {
    const hit = run.columns.filter((col) => overlaps(col, cell));
    if (hit.length === 0) run.columns.push({ x0: cell.x0, x1: cell.x1 });
    else {
      const merged = { x0: Math.min(cell.x0, ...hit.map((h) => h.x0)), x1: Math.max(cell.x1, ...hit.map((h) => h.x1)) };
      run.columns = [...run.columns.filter((col) => !hit.includes(col)), merged];
    }
  }
  run.columns.sort((a, b) => a.x0 - b.x0);
  run.end = i + 1;
  return true;
}

/** Turn a run into a Table if it passes the conservative checks. */
function finish(run: Run): Table | null {
  dropLeadingForm(run);
  const cols = run.columns;
  if (cols.length < 2) return null;
  const rows = run.rows.map((row) => {
    const out = cols.map(() => '');
    for (const cell of row.cells) {
      const k = bestColumn(cols, cell);
      if (k >= 0) out[k] = out[k] ? `${out[k]} ${cell.text}` : cell.text;
    }
    return out;
  });
  const multi = rows.filter((r) => r.filter((c) => c.length > 0).length >= 2);
  if (multi.length < 2) return null;
  const header = rows[0].every((c) => !isNumericCell(c) || c === '') && rows[0].filter((c) => c).length >= 2;
  const body = header ? rows.slice(1) : rows;
  // Real tables carry values: some column is mostly numeric in the body.
  const numericCol = cols.some((_, k) => {
    const filled = body.filter((r) => r[k]);
    const numeric = filled.filter((r) => isNumericCell(r[k])).length;
    return numeric >= 2 && numeric >= filled.length * 0.5;
  });
  if (!numericCol) return null;
  // Form-like blocks ("Invoice Number: 123  Date: …") are label/value pairs, not tables.
  const filled = rows.flat().filter((c) => c.length > 0);
  if (filled.filter((c) => /:\s*$/.test(c)).length >= filled.length * 0.25) return null;
  const hasHeader = header && body.some((r) => r.some((c) => isNumericCell(c)));
  if (cols.length === 2) {
    // Two columns: a header over several rows, or a long list of text → amount rows; never a
    // "Label: value" block.
    const colons = body.filter((r) => /:\s*$/.test(r[0])).length;
    const amounts = body.filter((r) => r[0] && !isNumericCell(r[0]) && isNumericCell(r[1])).length;
    if (colons > 0 || body.length < 3 || (!hasHeader && (body.length < 4 || amounts < body.length * 0.8))) return null;
  }
  return { rows, hasHeader, lineStart: run.start, lineEnd: run.end };
}

/** The column a cell overlaps most (-1 if none). */
function bestColumn(cols: Span[], cell: Cell): number {
  let best = -1;
  let bestOverlap = -Infinity;
  cols.forEach((col, k) => {
    const ov = Math.min(col.x1, cell.x1) - Math.max(col.x0, cell.x0);
    if (ov > -1 && ov > bestOverlap) [best, bestOverlap] = [k, ov];
  });
  return best;
}

/** Drop a leading "Label: | Label: / value | value" form block that sits right above a table's header. */
function dropLeadingForm(run: Run): void {
  const isLabelRow = (r: Run['rows'][number]) => r.cells.length >= 2 && r.cells.filter((c) => /:\s*$/.test(c.text)).length >= r.cells.length / 2;
  let k = 0;
  while (k < run.rows.length && isLabelRow(run.rows[k])) k += run.rows[k + 1] && !isLabelRow(run.rows[k + 1]) ? 2 : 1;
  if (k === 0 || run.rows.length - k < 2) return;
  run.rows = run.rows.slice(k);
  run.start = Math.min(...run.rows[0].lines);
}
