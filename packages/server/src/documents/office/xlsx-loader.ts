// XLSX → LoadedDocument with exceljs: each worksheet is a page whose first line names the sheet and
// whose cells form one Table (empty rows and columns trimmed; merged cells keep their value once;
// formulas show their cached result; dates as ISO dates).
import ExcelJS from 'exceljs';
import { looksLikeHeader, pageFromBlocks } from '../synthetic-lines.ts';
import type { LoadedDocument, Page } from '../types.ts';
import { OFFICE_MIME, type OfficeLoadOptions, checkPageCount, corrupt, finishDocument } from './office-document.ts';
import { type ZipLimits, sanitizeZip } from './zip-limits.ts';

export async function loadXlsx(bytes: Uint8Array, opts: OfficeLoadOptions & { zipLimits?: ZipLimits }): Promise<LoadedDocument> {
  const clean = sanitizeZip(bytes, opts.zipLimits);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(clean.buffer.slice(clean.byteOffset, clean.byteOffset + clean.byteLength) as ArrayBuffer);
  } catch (err) {
    throw corrupt('Excel workbook', err);
  }
  checkPageCount(wb.worksheets.length, opts.maxPages);
  const pages: Page[] = wb.worksheets.map((ws, i) => sheetPage(ws, i + 1));
  return finishDocument('xlsx', OFFICE_MIME.xlsx, pages, opts);
}

function sheetPage(ws: ExcelJS.Worksheet, number: number): Page {
  const grid: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cells[c - 1] = cell.isMerged && cell.master !== cell ? '' : cellText(cell);
    });
    grid[r - 1] = Array.from(cells, (c) => c ?? '');
  });
  const rows = trim(Array.from(grid, (r) => r ?? []));
  const blocks: Parameters<typeof pageFromBlocks>[1] = [{ kind: 'text', text: `Sheet: ${ws.name}` }];
  if (rows.length > 0) blocks.push({ kind: 'table', table: { rows, hasHeader: looksLikeHeader(rows) } });
  return pageFromBlocks(number, blocks);
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return isoDate(v);
  if (typeof v === 'object' && 'result' in v) {
    const r = (v as { result?: unknown }).result;
    if (r instanceof Date) return isoDate(r);
    if (r === undefined || r === null) return '';
    if (typeof r === 'object' && 'error' in r) return String((r as { error: unknown }).error);
    return String(r);
  }
  try {
    return cell.text.replace(/\s+/g, ' ').trim();
  } catch {
    return '';
  }
}

function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/** Pad rows to one width, then drop empty rows and columns. */
function trim(grid: string[][]): string[][] {
  const width = grid.reduce((w, r) => Math.max(w, r.length), 0);
  const rows = grid.map((r) => [...r, ...Array<string>(width - r.length).fill('')]).filter((r) => r.some((c) => c !== ''));
  const keep = Array.from({ length: width }, (_, c) => rows.some((r) => r[c] !== ''));
  return rows.map((r) => r.filter((_, c) => keep[c]));
}
