// Candidates that do not come from a label next to the value: the unlabelled issue date printed beside
// the invoice number ("Facture n°562044387 du 02 Juillet 2015"), the currency of the totals or of the
// whole document, an enum value named in the text. (Party names have their own module, parties.ts.)
import { candidatesFromHit, type Candidate } from './candidates.ts';
import { CONCEPT_BY_ID, ENUM_SYNONYMS } from './concepts.ts';
import type { DocIndex, IndexedLine } from './doc-index.ts';
import { buildFieldSpec, labelRegExp, type FieldSpec } from './field-spec.ts';
import { findLabelHits, type ClaimCache } from './label-search.ts';
import { norm } from './normalize.ts';
import { dominantCurrency, findCurrencies } from './parse-currency.ts';
import { findDates } from './parse-date.ts';
import type { SchemaNode } from './schema-walk.ts';

interface FallbackContext {
  index: DocIndex;
  cache: ClaimCache;
}

const OTHER_DATE_CONCEPTS = ['due_date', 'order_date', 'delivery_date', 'related_invoice'];

export function fallbackCandidates(spec: FieldSpec, ctx: FallbackContext, labelled: Candidate[]): Candidate[] {
  const id = spec.concept?.id;
  if (id === 'date' && (spec.kind === 'date' || spec.kind === 'datetime')) return issueDateFallback(ctx);
  if (spec.kind === 'currency') return currencyFallback(ctx);
  if (spec.kind === 'enum' && labelled.length === 0) return enumFallback(spec, ctx);
  return [];
}

/** Lines where a field of the given concept has a label with a readable value. */
export function anchorLines(ctx: FallbackContext, conceptId: string, minTier = 2): IndexedLine[] {
  const spec = conceptSpec(conceptId);
  const lines: IndexedLine[] = [];
  const hits = findLabelHits(ctx.index, spec, ctx.cache);
  for (const hit of hits) {
    // A weak label ("Nr.") counts when a stronger one of the same field precedes it on the line.
    const supported = hits.some((h) => h.line === hit.line && h.tier >= minTier && (h.seg < hit.seg || h.end <= hit.start));
    if (hit.tier < minTier && !supported) continue;
    if (candidatesFromHit(hit, spec, ctx.index, ctx.cache).length > 0 && !lines.includes(hit.line)) lines.push(hit.line);
  }
  return lines;
}

function issueDateFallback(ctx: FallbackContext): Candidate[] {
  const anchors = anchorLines(ctx, 'invoice_number');
  const total = Math.max(1, ctx.index.lines.length - 1);
  const out: Candidate[] = [];
  for (const line of ctx.index.lines) {
    if (line.y > 0.9 * line.pageHeight && ctx.index.lines.length > 8) continue;
    const otherDate = line.segments.some((_, i) => ctx.cache.claims(line, i).some((c) => OTHER_DATE_CONCEPTS.includes(c.concept)));
    if (otherDate) continue;
    for (const seg of line.segments) {
      const d = findDates(seg.text, ctx.index.dateOrder)[0];
      if (!d) continue;
      const near = anchors.some((a) => a.page === line.page && line.order >= a.order && line.order - a.order <= 3);
      const score = 0.6 - 0.5 * (line.order / total) + (near ? 1.4 : 0);
      out.push({ value: d.iso, score, placement: 'fallback', line, source: seg.text, hit: null });
      break;
    }
  }
  return out;
}

function currencyFallback(ctx: FallbackContext): Candidate[] {
  const out: Candidate[] = [];
  for (const line of [...anchorLines(ctx, 'total'), ...anchorLines(ctx, 'amount_due')]) {
    for (const c of findCurrencies(line.text)) out.push({ value: c.code, score: 1.6 + 0.2 * c.strength, placement: 'fallback', line, source: line.text, hit: null });
  }
  const dominant = dominantCurrency(ctx.index.lines.map((l) => l.text));
  if (dominant && ctx.index.lines.length > 0) out.push({ value: dominant, score: 1.2, placement: 'fallback', line: ctx.index.lines[0], source: '', hit: null });
  return out;
}

function enumFallback(spec: FieldSpec, ctx: FallbackContext): Candidate[] {
  const text = norm(ctx.index.lines.map((l) => l.text).join('\n'));
  const out: Candidate[] = [];
  for (const value of spec.node.enum ?? []) {
    const words = norm(String(value)).replace(/[_\-]+/g, ' ').trim();
    if (words.length < 2) continue;
    const names = ENUM_SYNONYMS[words] ?? [words];
    const count = names.reduce((n, name) => n + (text.match(labelRegExp(norm(name)))?.length ?? 0), 0);
    if (count > 0 && ctx.index.lines.length > 0) {
      out.push({ value, score: 0.5 + 0.2 * Math.min(count, 5), placement: 'fallback', line: ctx.index.lines[0], source: words, hit: null });
    }
  }
  return out;
}

const SPEC_CACHE = new Map<string, FieldSpec>();

/** A field spec for a dictionary concept, as if the schema had a property of that name. */
export function conceptSpec(conceptId: string): FieldSpec {
  let spec = SPEC_CACHE.get(conceptId);
  if (!spec) {
    const concept = CONCEPT_BY_ID.get(conceptId);
    const words = conceptId.split('_');
    const node: SchemaNode = { key: conceptId, words, description: '', context: [], nullable: true, kind: 'leaf', type: concept?.value === 'amount' ? 'number' : 'string' };
    spec = buildFieldSpec(node);
    SPEC_CACHE.set(conceptId, spec);
  }
  return spec;
}
