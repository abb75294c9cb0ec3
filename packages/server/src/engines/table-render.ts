// Renders a document Table as markdown, HTML, JSON or YAML (the parse primitive's table_parsing_format).
import type { Table } from '../documents/types.ts';

export const TABLE_FORMATS = ['markdown', 'html', 'json', 'yaml'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export function renderTable(table: Table, format: TableFormat): string {
  const width = table.rows.reduce((w, r) => Math.max(w, r.length), 0);
  const rows = table.rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
  if (rows.length === 0 || width === 0) return '';
  switch (format) {
    case 'markdown':
      return renderMarkdown(rows, table.hasHeader);
    case 'html':
      return renderHtml(rows, table.hasHeader);
    case 'json':
      return JSON.stringify(table.hasHeader ? asRecords(rows) : rows);
    case 'yaml':
      return renderYaml(table.hasHeader ? asRecords(rows) : rows);
  }
}

function renderMarkdown(rows: string[][], hasHeader: boolean): string {
  const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>').trim();
  const line = (r: string[]) => `| ${r.map(cell).join(' | ')} |`;
  // A markdown table needs a header row; without one, the header is left blank so no data is promoted.
  const header = hasHeader ? rows[0] : rows[0].map(() => '');
  const body = hasHeader ? rows.slice(1) : rows;
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...body.map(line)].join('\n');
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function renderHtml(rows: string[][], hasHeader: boolean): string {
  const tr = (r: string[], tag: 'td' | 'th') => `<tr>${r.map((c) => `<${tag}>${escapeHtml(c).replace(/\r?\n/g, '<br>')}</${tag}>`).join('')}</tr>`;
  const head = hasHeader ? `<thead>${tr(rows[0], 'th')}</thead>` : '';
  const body = (hasHeader ? rows.slice(1) : rows).map((r) => tr(r, 'td')).join('');
  return `<table>${head}<tbody>${body}</tbody></table>`;
}

/** Rows as objects keyed by the header cells (blank headers → column_N, duplicates suffixed _2, _3…). */
export function asRecords(rows: string[][]): Record<string, string>[] {
  const seen = new Map<string, number>();
  const keys = rows[0].map((h, i) => {
    const base = h.replace(/\s+/g, ' ').trim() || `column_${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
  return rows.slice(1).map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i] ?? ''])));
}

function renderYaml(data: Record<string, string>[] | string[][]): string {
  if (data.length === 0) return '[]';
  return data
    .map((item) => {
      if (Array.isArray(item)) return item.length === 0 ? '- []' : item.map((v, i) => `${i === 0 ? '- ' : '  '}- ${yamlScalar(v)}`).join('\n');
      const entries = Object.entries(item);
      if (entries.length === 0) return '- {}';
      return entries.map(([k, v], i) => `${i === 0 ? '- ' : '  '}${yamlScalar(k)}: ${yamlScalar(v)}`).join('\n');
    })
    .join('\n');
}

const YAML_RESERVED = /^(?:~|null|true|false|yes|no|on|off|y|n|\.nan|[-+]?\.inf)$/i;
const YAML_NUMBER = /^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$|^0x[0-9a-f]+$|^0o[0-7]+$|^[-+]?\d+(?::[0-5]?\d)+(?:\.\d*)?$/i;

/** A YAML scalar that reads back as exactly this string: plain when safe, else double-quoted. */
export function yamlScalar(s: string): string {
  const plainSafe =
    s.length > 0 &&
    s === s.trim() &&
    !YAML_RESERVED.test(s) &&
    !YAML_NUMBER.test(s) &&
    !/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) &&
    !/: |:$| #|[\n\r\t\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(s) &&
    !/^(?:---|\.\.\.)/.test(s);
  if (plainSafe) return s;
  return JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
