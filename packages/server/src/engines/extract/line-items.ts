// Arrays of objects (line items) from the document's detected tables: header cells are mapped to the item's
// properties by label similarity (multilingual column dictionary); without a usable header, columns are
// inferred from their content (text, integers, money, percentages). Rows become typed items; summary rows
// (totals, subtotals, taxes) and repeated page copies are left out.
import { COLUMN_CONCEPTS, CONCEPTS } from './concepts.ts';
import { amountNumbers, coerce } from './coerce.ts';
import { buildFieldSpec, labelRegExp, type FieldSpec } from './field-spec.ts';
import { norm } from './normalize.ts';
import { finishLeaf } from './resolve-node.ts';
import type { ExtractContext } from './resolve-leaf.ts';
import type { SchemaNode } from './schema-walk.ts';

export interface RowResult {
  value: Record<string, unknown>;
  likelihood: Record<string, unknown>;
}

const SUMMARY_LABELS = CONCEPTS.filter((c) => ['total', 'subtotal', 'tax', 'amount_due', 'charges'].includes(c.id)).flatMap((c) =>
  [...c.strong, ...c.medium, ...c.weak].map((l) => labelRegExp(norm(l))),
);

type Role = 'description' | 'quantity' | 'unit_price' | 'amount' | 'tax_rate' | 'other';

export function extractRows(items: SchemaNode, ctx: ExtractContext): RowResult[] {
  const props = (items.properties ?? []).filter((p) => p.kind === 'leaf');
  if (props.length === 0) return [];
  const specs = props.map((p) => ({ node: p, spec: buildFieldSpec(p, COLUMN_CONCEPTS) }));
  const out: RowResult[] = [];
  const seenTables = new Set<string>();
  for (const page of ctx.tables) {
    for (const table of page) {
      const key = JSON.stringify(table.rows);
      if (seenTables.has(key)) continue; // the same table on a copy page
      seenTables.add(key);
      const body = table.hasHeader ? table.rows.slice(1) : table.rows;
      const width = Math.max(0, ...table.rows.map((r) => r.length));
      const headerMap = table.hasHeader ? mapHeader(table.rows[0], specs) : new Map<number, number>();
      const roles = inferRoles(body, width);
      const columns = new Map<number, { col: number; confidence: number }>();
      specs.forEach((s, i) => {
        const fromHeader = headerMap.get(i);
        const role = roleOf(s.spec);
        const inferred = roles.findIndex((r) => r === role);
        // A content-columns reading (n_consensus) trusts what a column holds before what its header says.
        if (ctx.reading?.contentColumns && inferred >= 0 && role !== 'other' && !columnsTaken(columns, inferred)) columns.set(i, { col: inferred, confidence: 0.55 });
        else if (fromHeader !== undefined && (role !== 'description' || mostlyText(body, fromHeader))) columns.set(i, { col: fromHeader, confidence: 0.8 });
        else if (inferred >= 0 && role !== 'other') columns.set(i, { col: inferred, confidence: 0.55 });
      });
      const numericCols = [...columns.entries()].filter(([i]) => ['amount', 'unit_price', 'quantity'].includes(roleOf(specs[i].spec)));
      if (numericCols.length === 0 || (!table.hasHeader && headerMap.size === 0 && !roles.includes('amount'))) continue;
      const descCol = [...columns.entries()].find(([i]) => roleOf(specs[i].spec) === 'description')?.[1].col ?? -1;
      const summary = body.map((row) => isSummaryRow(row, descCol));
      // A table made mostly of totals, taxes and payments is a summary block, not line items.
      const summaries = summary.filter(Boolean).length;
      if (summary[0] && summaries >= 2 && summaries > body.length / 2) continue;
      const items: RowResult[] = [];
      body.forEach((row, r) => {
        if (summary[r]) return;
        const item = readRow(row, specs, columns, ctx);
        if (item) items.push(item);
      });
      stripPositions(items, specs);
      out.push(...items);
    }
  }
  return out;
}

function readRow(row: string[], specs: { node: SchemaNode; spec: FieldSpec }[], columns: Map<number, { col: number; confidence: number }>, ctx: ExtractContext): RowResult | null {
  const value: Record<string, unknown> = {};
  const likelihood: Record<string, unknown> = {};
  let numbers = 0;
  let priced = ![...columns.keys()].some((i) => ['amount', 'unit_price'].includes(roleOf(specs[i].spec)));
  let described = true;
  specs.forEach(({ node, spec }, i) => {
    const c = columns.get(i);
    const cell = c ? (row[c.col] ?? '').trim() : '';
    const coerced = cell ? coerce(cell, spec.kind === 'text' || spec.kind === 'party' ? 'text' : spec.kind, ctx.index.dateOrder, { enumValues: node.enum, integer: node.type === 'integer' }) : null;
    const v = coerced ? finishLeaf(node, coerced.value) : null;
    value[node.key] = v;
    likelihood[node.key] = v === null ? 0 : c!.confidence;
    if (typeof v === 'number' && roleOf(spec) !== 'tax_rate') numbers++;
    if (typeof v === 'number' && (roleOf(spec) === 'amount' || roleOf(spec) === 'unit_price')) priced = true;
    if (roleOf(spec) === 'description' && (v === null || !/\p{L}{2,}/u.test(String(v)))) described = false;
  });
  // Sub-lines of a bundle carry a quantity but no price: they are part of the item above, not items.
  return numbers > 0 && priced && described ? { value, likelihood } : null;
}

function roleOf(spec: FieldSpec): Role {
  const id = spec.concept?.id;
  return id === 'description' || id === 'quantity' || id === 'unit_price' || id === 'amount' || id === 'tax_rate' ? id : 'other';
}

/** Header cell → property: the longest label match wins; each column serves one property. */
function mapHeader(header: string[], specs: { spec: FieldSpec }[]): Map<number, number> {
  const scored: { prop: number; col: number; score: number }[] = [];
  specs.forEach(({ spec }, prop) => {
    header.forEach((cell, col) => {
      const text = norm(cell);
      for (const label of spec.labels) {
        label.re.lastIndex = 0;
        const m = label.re.exec(text);
        if (m) scored.push({ prop, col, score: label.tier * 10 + m[0].length + (m.index === 0 ? 2 : 0) });
      }
    });
  });
  scored.sort((a, b) => b.score - a.score);
  const map = new Map<number, number>();
  const usedCols = new Set<number>();
  for (const s of scored) {
    if (map.has(s.prop) || usedCols.has(s.col)) continue;
    map.set(s.prop, s.col);
    usedCols.add(s.col);
  }
  return map;
}

/** Column roles from content: the text column with most letters is the description, the rightmost money
 *  column the amount, another money column the unit price, an integer column left of the prices the quantity. */
function inferRoles(rows: string[][], width: number): Role[] {
  const roles: Role[] = Array.from({ length: width }, () => 'other');
  const stats = roles.map((_, col) => {
    const cells = rows.map((r) => (r[col] ?? '').trim()).filter(Boolean);
    const letters = cells.reduce((n, c) => n + (c.match(/\p{L}/gu) ?? []).length, 0);
    const percent = cells.filter((c) => /\d\s?%/.test(c)).length;
    const nums = cells.map((c) => amountNumbers(c, 'dmy')[0]).filter((n) => n !== undefined);
    const money = nums.filter((n) => n.decimals === 2).length;
    const ints = nums.filter((n) => Number.isInteger(n.value) && n.decimals === 0 && Math.abs(n.value) < 10000).length;
    return { cells: cells.length, letters, percent, money, ints };
  });
  let desc = -1;
  stats.forEach((s, col) => {
    if (s.letters > 0 && s.letters / Math.max(1, s.cells) > 6 && (desc < 0 || s.letters > stats[desc].letters)) desc = col;
  });
  if (desc >= 0) roles[desc] = 'description';
  const moneyCols = stats.map((s, col) => (s.money >= Math.max(1, s.cells / 2) && s.percent === 0 && col !== desc ? col : -1)).filter((c) => c >= 0);
  if (moneyCols.length > 0) roles[moneyCols[moneyCols.length - 1]] = 'amount';
  if (moneyCols.length > 1) roles[moneyCols[0]] = 'unit_price';
  // Quantity: an integer column, preferably one with units ("1 PCS", "3 Piece"), else the leftmost before the prices.
  const limit = moneyCols.length > 0 ? moneyCols[moneyCols.length - 1] : width;
  const intCols = stats.map((s, col) => (col !== desc && col < limit && roles[col] === 'other' && s.ints >= Math.max(1, s.cells / 2) && s.percent === 0 && s.money === 0 ? col : -1)).filter((c) => c >= 0);
  const withUnit = intCols.find((col) => rows.some((r) => /^\d+(?:[.,]\d+)?\s*\p{L}{1,6}\.?$/u.test((r[col] ?? '').trim())));
  const qty = withUnit ?? intCols.find((col) => moneyCols.length === 0 || col < moneyCols[0]);
  if (qty !== undefined) roles[qty] = 'quantity';
  stats.forEach((s, col) => {
    if (roles[col] === 'other' && s.percent >= Math.max(1, s.cells / 2)) roles[col] = 'tax_rate';
  });
  return roles;
}

function columnsTaken(columns: Map<number, { col: number }>, col: number): boolean {
  return [...columns.values()].some((c) => c.col === col);
}

function mostlyText(rows: string[][], col: number): boolean {
  const cells = rows.map((r) => (r[col] ?? '').trim()).filter(Boolean);
  return cells.filter((c) => /\p{L}{2,}/u.test(c)).length >= Math.max(1, cells.length / 2);
}

/** A totals/tax row: a summary label in a non-description cell, or opening the description cell. A summary
 *  word later inside a description ("Care package, total protection") does not count. */
function isSummaryRow(row: string[], descCol: number): boolean {
  return row.some((cell, col) =>
    SUMMARY_LABELS.some((re) => {
      re.lastIndex = 0;
      const m = re.exec(norm(cell));
      return m !== null && (col !== descCol || m.index === 0 || cell.trim().split(/\s+/).length <= 6);
    }),
  );
}

/** Row numbers printed in front of descriptions ("1 Superdrachen", "2 Turbo Flyer"): drop them when every
 *  item of the table starts with its position 1, 2, 3 … */
function stripPositions(items: RowResult[], specs: { node: SchemaNode; spec: FieldSpec }[]): void {
  const desc = specs.find((s) => roleOf(s.spec) === 'description' && s.node.type === 'string');
  if (!desc || items.length === 0) return;
  const key = desc.node.key;
  const sequential = items.every((it, i) => new RegExp(`^${i + 1}\\.?\\s+\\S`).test(String(it.value[key] ?? '')));
  if (!sequential) return;
  for (const it of items) it.value[key] = String(it.value[key]).replace(/^\d+\.?\s+/, '');
}
