// The parse primitive: each page's text with its tables rendered in the requested format
// (table_parsing_format: markdown | html | json | yaml, default html) in place of the table's lines.
import type { Page } from '../documents/types.ts';
import { RunFailure } from '../runs/failures.ts';
import { renderTable, TABLE_FORMATS, type TableFormat } from './table-render.ts';
import { checkpoint, type Engine } from './types.ts';

export interface ParseOutput {
  pages: string[];
  text: string;
}

export const parseEngine: Engine = async (doc, params, ctx) => {
  const format = tableFormat(params.table_parsing_format);
  const total = doc.pages.length;
  const pages: string[] = [];
  ctx.progress('parsing', 0, total, 'pages');
  for (let i = 0; i < total; i++) {
    checkpoint(ctx.signal);
    pages.push(renderPage(doc.pages[i], format));
    ctx.progress('parsing', i + 1, total, 'pages');
  }
  checkpoint(ctx.signal);
  const output: ParseOutput = { pages, text: pages.join('\n\n') };
  return { output, consensus: null };
};

function tableFormat(value: unknown): TableFormat {
  if (value === undefined || value === null) return 'html';
  if (typeof value === 'string' && (TABLE_FORMATS as readonly string[]).includes(value)) return value as TableFormat;
  throw new RunFailure('invalid_request', `table_parsing_format must be one of ${TABLE_FORMATS.join(', ')}`, { value });
}

/** Page text: lines in order, each table's line range replaced by the rendered table. */
export function renderPage(page: Page, format: TableFormat): string {
  const tables = [...page.tables].sort((a, b) => a.lineStart - b.lineStart);
  const out: string[] = [];
  let next = 0;
  for (const t of tables) {
    if (t.lineStart < next) continue; // overlapping table ranges: keep the first
    for (let i = next; i < t.lineStart; i++) out.push(page.lines[i].text);
    const rendered = renderTable(t, format);
    if (rendered) out.push(rendered);
    next = Math.max(next, t.lineEnd);
  }
  for (let i = next; i < page.lines.length; i++) out.push(page.lines[i].text);
  return out.join('\n');
}
