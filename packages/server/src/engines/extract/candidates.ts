// Turns label hits into candidate values: the text after the label in the same cell ("Date: 28/11/2022"),
// the next cells to its right ("Invoice Number:   42183017"), or the cell below it in the same column
// (a header "Invoice Date" over "03/20/2023"). Each candidate carries a base score from the label tier.
import { coerce } from './coerce.ts';
import type { DocIndex, IndexedLine, Segment } from './doc-index.ts';
import type { FieldSpec } from './field-spec.ts';
import type { ClaimCache, LabelHit } from './label-search.ts';
import { findNumbers } from './parse-number.ts';

export type Placement = 'inline' | 'right' | 'below' | 'fallback';

export interface Candidate {
  value: unknown;
  score: number;
  placement: Placement;
  line: IndexedLine;
  /** The text the value was read from. */
  source: string;
  hit: LabelHit | null;
}

/** Concepts whose value is the last figure of a row ("Total  24.99  5.00  29.99"). */
const LAST_OF_ROW = new Set(['total', 'amount_due', 'subtotal', 'tax', 'charges']);
const NUMERIC = new Set(['amount', 'number', 'integer', 'quantity', 'percent']);

export function candidatesFromHit(hit: LabelHit, spec: FieldSpec, index: DocIndex, cache: ClaimCache): Candidate[] {
  const out: Candidate[] = [];
  const segment = hit.line.segments[hit.seg];
  const remainder = segment.text.slice(hit.end);
  const headerLike = !/[\p{L}\p{N}]/u.test(remainder.replace(/\b(?:n°|no|nr)\b/gi, ''));
  const base = hit.tier - (hit.wordsBefore > 3 ? 0.6 : hit.wordsBefore > 0 ? 0.15 : 0);
  const opts = { enumValues: spec.node.enum, integer: spec.node.type === 'integer' };
  const push = (value: unknown, placement: Placement, line: IndexedLine, source: string, bonus: number) =>
    out.push({ value, score: base + bonus, placement, line, source, hit });
  const rights = hit.line.segments.slice(hit.seg + 1);

  if (NUMERIC.has(spec.kind) && spec.concept && LAST_OF_ROW.has(spec.concept.id)) {
    // A row of figures after the label: take the last one before the next label.
    let last: { value: number; source: string; placement: Placement } | null = null;
    const inline = coerce(remainder, spec.kind, index.dateOrder, { ...opts, pick: 'last' });
    if (inline) last = { value: inline.value as number, source: segment.text, placement: 'inline' };
    if (!/\p{L}{3,}/u.test(stripCurrencyWords(remainder)) || inline === null) {
      for (let i = 0; i < rights.length; i++) {
        const r = rights[i];
        const c = coerce(r.text, spec.kind, index.dateOrder, { ...opts, pick: 'last' });
        if (c) last = { value: c.value as number, source: r.text, placement: 'right' };
        else if (/\p{L}{2,}/u.test(stripCurrencyWords(r.text))) break;
      }
    }
    if (last) push(last.value, last.placement, hit.line, last.source, 0.3);
  } else {
    const inline = coerce(remainder, spec.kind, index.dateOrder, opts);
    if (inline && !(headerLike && NUMERIC.has(spec.kind))) push(inline.value, 'inline', hit.line, segment.text, 0.3);
    else if (headerLike || inline === null) {
      for (let i = 0; i < Math.min(rights.length, 3); i++) {
        const r = rights[i];
        if (i > 0 && isOtherLabel(hit.line, hit.seg + 1 + i, spec, cache)) break;
        const c = coerce(r.text, spec.kind, index.dateOrder, opts);
        if (c) {
          push(c.value, 'right', hit.line, r.text, 0.3 - 0.1 * i);
          break;
        }
        if (isOtherLabel(hit.line, hit.seg + 1 + i, spec, cache) || /\p{L}{3,}/u.test(r.text)) break;
      }
    }
  }

  // The cell below a header-like label, in the same column.
  const coverage = (hit.end - hit.start) / Math.max(1, segment.norm.trim().length);
  if (headerLike || coverage >= 0.6) {
    const below = cellBelow(hit, segment, index, spec, cache);
    if (below) push(below.value, 'below', below.line, below.source, 0.15);
  }
  return out;
}

function cellBelow(hit: LabelHit, segment: Segment, index: DocIndex, spec: FieldSpec, cache: ClaimCache): { value: unknown; line: IndexedLine; source: string } | null {
  const pageLines = index.byPage[hit.line.page - 1] ?? [];
  const pos = pageLines.indexOf(hit.line);
  const opts = { enumValues: spec.node.enum, integer: spec.node.type === 'integer', pick: 'first' as const };
  for (let k = pos + 1; k < Math.min(pageLines.length, pos + 6); k++) {
    const line = pageLines[k];
    if (line.y - hit.line.y > 6 * hit.line.height + 12) break;
    const idx = line.segments.findIndex((s) => Math.min(s.x1, segment.x1 + 2) - Math.max(s.x0, segment.x0 - 2) > 0);
    if (idx < 0) continue;
    if (cache.claims(line, idx).some((c) => c.start === 0 && !spec.own.has(c.concept)) && !/\d/.test(line.segments[idx].text)) return null;
    const c = coerce(line.segments[idx].text, spec.kind, index.dateOrder, opts);
    if (c) return { value: c.value, line, source: line.segments[idx].text };
    // Only skip over prose that runs across the column; stop at the first real cell that does not fit.
    if (line.segments[idx].x1 - line.segments[idx].x0 < 3 * (segment.x1 - segment.x0 + 20)) return null;
  }
  return null;
}

/** Is this cell a label of a concept other than the field's own? */
function isOtherLabel(line: IndexedLine, seg: number, spec: FieldSpec, cache: ClaimCache): boolean {
  if (seg >= line.segments.length) return false;
  return cache.claims(line, seg).some((c) => c.start <= 1 && !spec.own.has(c.concept)) && findNumbers(line.segments[seg].text).length === 0;
}

function stripCurrencyWords(s: string): string {
  return s.replace(/\b(?:EUR|USD|GBP|INR|PLN|CHF|Rs|incl|excl|VAT|TTC|HT|BTW|MwSt|in)\b\.?/gi, ' ');
}
