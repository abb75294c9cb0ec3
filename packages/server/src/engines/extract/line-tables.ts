// Tables read straight from text lines, for pages where the loader detected none: markdown/pipe tables
// ("| Description | Qty | Amount |") such as those in text and markdown documents.
import type { Page, Table } from '../../documents/types.ts';

const PIPE_ROW = /^\s*\|.*\|\s*$/;
const SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

export function pipeTables(page: Page): Table[] {
  const tables: Table[] = [];
  let start = -1;
  const flush = (end: number) => {
    if (start < 0) return;
    const lines = page.lines.slice(start, end).map((l) => l.text);
    const hasHeader = lines.length > 1 && SEPARATOR.test(lines[1]);
    const rows = lines.filter((t) => !SEPARATOR.test(t)).map(splitRow);
    if (rows.length >= 2) tables.push({ rows, hasHeader, lineStart: start, lineEnd: end });
    start = -1;
  };
  page.lines.forEach((line, i) => {
    if (PIPE_ROW.test(line.text) && line.text.split('|').length >= 3) {
      if (start < 0) start = i;
    } else flush(i);
  });
  flush(page.lines.length);
  return tables;
}

function splitRow(text: string): string[] {
  return text.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}
