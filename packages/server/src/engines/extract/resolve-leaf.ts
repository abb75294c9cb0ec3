// Resolves one scalar field: gathers candidates from label hits, adjusts them by position (identifiers and
// dates near the top, totals near the bottom, nothing from page footers), adds concept fallbacks (an
// unlabelled date beside the invoice number, the currency of the totals), and returns the best with a confidence.
import type { Candidate } from './candidates.ts';
import { candidatesFromHit } from './candidates.ts';
import type { Table } from '../../documents/types.ts';
import type { DocIndex } from './doc-index.ts';
import type { FieldSpec } from './field-spec.ts';
import { conceptSpec, fallbackCandidates } from './fallbacks.ts';
import { norm } from './normalize.ts';
import { partyCandidates } from './parties.ts';
import { findLabelHits, type ClaimCache, type LabelHit } from './label-search.ts';
import { preferredCandidates, RANK_MARGIN, type Reading } from './readings.ts';

export interface Resolved {
  value: unknown;
  likelihood: number;
  /** Runner-up values, best first (alternatives a reviewer might want). */
  alternatives: unknown[];
}

export interface ExtractContext {
  index: DocIndex;
  cache: ClaimCache;
  /** The document's detected tables, per page. */
  tables: Table[][];
  /** How this pass weighs the evidence (n_consensus readings); the full reading when absent. */
  reading?: Reading;
}

const BOTTOM_PREFERRED = new Set(['total', 'amount_due']);

export function resolveLeaf(spec: FieldSpec, ctx: ExtractContext): Resolved {
  if (spec.kind === 'party') {
    // The vendor is never the customer: names found under customer labels are kept out of its fallbacks.
    const customers = spec.concept?.id === 'vendor' ? partyCandidates(conceptSpec('customer'), ctx).filter((c) => c.hit) : [];
    const parties = partyCandidates(spec, ctx, new Set(customers.map((c) => norm(String(c.value)))));
    for (const c of parties) c.score += positionAdjust(c, spec, ctx.index);
    return choose(parties, ctx.reading);
  }
  const hits = findLabelHits(ctx.index, spec, ctx.cache);
  const candidates: Candidate[] = [];
  for (const hit of hits) {
    for (const cand of candidatesFromHit(hit, spec, ctx.index, ctx.cache)) {
      cand.score += lineContextBonus(hit, hits) + positionAdjust(cand, spec, ctx.index);
      candidates.push(cand);
    }
  }
  candidates.push(...fallbackCandidates(spec, ctx, candidates));
  return choose(candidates, ctx.reading);
}

/** A weak label ("Nr.") counts more when a stronger label of the same field stands earlier on its line. */
function lineContextBonus(hit: LabelHit, hits: LabelHit[]): number {
  if (hit.tier > 1) return 0;
  const strongerBefore = hits.some((h) => h.line === hit.line && h.tier >= 2 && (h.seg < hit.seg || (h.seg === hit.seg && h.end <= hit.start)));
  return strongerBefore ? 1.2 : 0;
}

function positionAdjust(cand: Candidate, spec: FieldSpec, index: DocIndex): number {
  const total = Math.max(1, index.lines.length - 1);
  const docPos = cand.line.order / total;
  const footer = cand.line.y > 0.9 * cand.line.pageHeight && index.lines.length > 8;
  const numeric = typeof cand.value === 'number';
  if (spec.concept && BOTTOM_PREFERRED.has(spec.concept.id) && numeric) {
    return 0.5 * docPos + 0.05 * Math.min(4, Math.log10(1 + Math.abs(cand.value as number))) - (footer ? 0.3 : 0);
  }
  if (numeric && spec.kind === 'amount') return 0.1 * docPos - (footer ? 0.5 : 0);
  return -0.5 * docPos - (footer ? 0.8 : 0);
}

/** Pick the best-scoring value; confidence from its score, its margin over a different value, agreement.
 *  A reading may look at a preferred subset of the candidates or take a close runner-up (readings.ts). */
export function choose(all: Candidate[], reading?: Reading): Resolved {
  const candidates = preferredCandidates(all, reading);
  if (candidates.length === 0) return { value: null, likelihood: 0, alternatives: [] };
  const byValue = new Map<string, { value: unknown; best: number; count: number; fallback: boolean }>();
  for (const c of candidates) {
    const key = JSON.stringify(c.value);
    const entry = byValue.get(key);
    if (!entry) byValue.set(key, { value: c.value, best: c.score, count: 1, fallback: c.placement === 'fallback' });
    else {
      entry.count++;
      if (c.score > entry.best) {
        entry.best = c.score;
        entry.fallback = c.placement === 'fallback';
      }
    }
  }
  const ranked = [...byValue.values()].sort((a, b) => b.best - a.best || b.count - a.count);
  const rank = reading && reading.rank > 0 && ranked[reading.rank] && ranked[0].best - ranked[reading.rank].best <= RANK_MARGIN ? reading.rank : 0;
  if (rank > 0) ranked.unshift(...ranked.splice(rank, 1));
  const top = ranked[0];
  const second = ranked[1];
  let likelihood = top.fallback ? 0.2 + 0.1 * Math.min(top.best, 2) : 0.3 + 0.15 * Math.min(Math.max(top.best, 0), 4.2);
  if (second) likelihood *= 0.7 + 0.3 * Math.min(1, Math.max(0, top.best - second.best));
  if (top.count > 1) likelihood += 0.05;
  return {
    value: top.value,
    likelihood: round(Math.min(0.95, Math.max(0.05, likelihood))),
    alternatives: ranked.slice(1, 4).map((r) => r.value),
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
