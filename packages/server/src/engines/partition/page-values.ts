// Reads one field (named in natural language, e.g. "invoice number") on each page on its own, with the
// extract engine's label/value matching: the labels announcing it, the value beside or below them. Used by
// partitions (group pages by the value) and splits (a new document number starts a new document).
import type { LoadedDocument, Page } from '../../documents/types.ts';
import { candidatesFromHit, type Candidate } from '../extract/candidates.ts';
import { buildDocIndex } from '../extract/doc-index.ts';
import { buildFieldSpec, type FieldSpec } from '../extract/field-spec.ts';
import { ClaimCache, findLabelHits } from '../extract/label-search.ts';
import { choose } from '../extract/resolve-leaf.ts';
import { walkSchema } from '../extract/schema-walk.ts';

export interface PageValue {
  /** The value as printed (first spelling seen). */
  value: string;
  /** Normalised for comparison: lower case, no spaces, '#' or leading zeros of a label residue. */
  key: string;
  /** Confidence 0..1 from the extract engine's scoring. */
  likelihood: number;
  score: number;
}

/** A field spec for a natural-language key ("invoice number", "employee name"), as a string property. */
export function keySpec(key: string, description = ''): FieldSpec {
  const name = key.trim().replace(/\s+/g, '_');
  const root = walkSchema({ type: 'object', properties: { [name]: { type: 'string', description } } });
  return buildFieldSpec(root.properties![0]);
}

export interface ReadOptions {
  /** Weakest label tier accepted (default 2: specific or generic labels, "No." only after one of them). */
  minTier?: 1 | 2 | 3;
  /** Only values in the upper half of the page (the header). */
  topOnly?: boolean;
}

/** The distinct values of the field on this page, best first (empty when no label announces one). */
export function readPageValues(doc: LoadedDocument, page: Page, spec: FieldSpec, opts: ReadOptions = {}): PageValue[] {
  const minTier = opts.minTier ?? 2;
  // The page alone, numbered 1: the index looks pages up by number (cells below a label, for instance).
  const index = buildDocIndex({ ...doc, pages: [{ ...page, number: 1 }], pageTexts: [doc.pageTexts[page.number - 1] ?? ''] });
  const cache = new ClaimCache();
  const hits = findLabelHits(index, spec, cache);
  const candidates: Candidate[] = [];
  for (const hit of hits) {
    // A weak label ("No.") counts only after a stronger label of the same field on its line ("Invoice No.").
    const supported = hit.tier >= minTier || hits.some((h) => h !== hit && h.line === hit.line && h.tier >= Math.max(2, minTier) && (h.seg < hit.seg || h.end <= hit.start));
    if (!supported || (opts.topOnly && hit.line.y > 0.5 * hit.line.pageHeight)) continue;
    for (const c of candidatesFromHit(hit, spec, index, cache)) {
      if (typeof c.value !== 'string' || !/[\p{L}\p{N}]/u.test(c.value)) continue;
      c.score += hit.tier >= 2 && hit.wordsBefore === 0 ? 0.2 : 0;
      candidates.push(c);
    }
  }
  if (candidates.length === 0) return [];
  const best = choose(candidates);
  const byKey = new Map<string, PageValue>();
  for (const c of [...candidates].sort((a, b) => b.score - a.score)) {
    const value = String(c.value).trim();
    const key = normaliseKey(value);
    if (!key || byKey.has(key)) continue;
    byKey.set(key, { value, key, score: c.score, likelihood: key === normaliseKey(String(best.value)) ? best.likelihood : Math.max(0.05, best.likelihood - 0.15 * (candidates[0].score - c.score)) });
  }
  const out = [...byKey.values()].sort((a, b) => b.score - a.score);
  const bestKey = normaliseKey(String(best.value));
  return [...out.filter((v) => v.key === bestKey), ...out.filter((v) => v.key !== bestKey)];
}

export function normaliseKey(value: string): string {
  return value.toLowerCase().replace(/[\s#:]+/g, '').replace(/^n°/, '');
}
