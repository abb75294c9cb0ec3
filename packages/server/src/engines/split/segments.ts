// Turns boundaries into named segments: each run of pages between boundaries is classified against the
// subdocument names (its pages read together), then segments of a name that does not allow multiple
// instances are merged into one. Every page appears exactly once, pages ascending, segments by first page.
import type { LoadedDocument } from '../../documents/types.ts';
import type { CategoryProfile } from '../classify/category-profile.ts';
import { gatherEvidence } from '../classify/evidence.ts';
import { scoreCategories, winnerShare } from '../classify/score-categories.ts';
import type { Boundary } from './boundaries.ts';

export interface Segment {
  name: string;
  pages: number[];
  /** Share of the classification score mass the name won with (0..1). */
  nameLikelihood: number;
  /** Per page: how sure the boundary decision that put it here was. */
  pageLikelihoods: number[];
}

export interface Subdocument extends CategoryProfile {
  allowMultiple: boolean;
}

export function buildSegments(doc: LoadedDocument, boundaries: Boundary[], subdocs: Subdocument[]): Segment[] {
  const runs: Boundary[][] = [];
  for (const b of boundaries) {
    if (b.start || runs.length === 0) runs.push([b]);
    else runs[runs.length - 1].push(b);
  }
  const segments: Segment[] = runs.map((run) => {
    const pages = run.map((b) => doc.pages[b.page - 1]);
    const ranked = scoreCategories(subdocs, gatherEvidence(doc, pages));
    return {
      name: ranked[0].profile.category.name,
      pages: run.map((b) => b.page),
      nameLikelihood: winnerShare(ranked),
      pageLikelihoods: run.map((b) => Math.round(b.confidence * 100) / 100),
    };
  });
  return mergeSingles(segments, subdocs);
}

/** Segments of a name with allow_multiple_instances false become one segment (pages in order). */
function mergeSingles(segments: Segment[], subdocs: Subdocument[]): Segment[] {
  const single = new Set(subdocs.filter((s) => !s.allowMultiple).map((s) => s.category.name));
  const out: Segment[] = [];
  const merged = new Map<string, Segment>();
  for (const s of segments) {
    if (!single.has(s.name)) {
      out.push(s);
      continue;
    }
    const into = merged.get(s.name);
    if (!into) {
      const copy = { ...s, pages: [...s.pages], pageLikelihoods: [...s.pageLikelihoods] };
      merged.set(s.name, copy);
      out.push(copy);
      continue;
    }
    into.pages.push(...s.pages);
    into.pageLikelihoods.push(...s.pageLikelihoods);
    into.nameLikelihood = Math.min(into.nameLikelihood, s.nameLikelihood);
  }
  for (const s of merged.values()) {
    const order = s.pages.map((p, i) => [p, s.pageLikelihoods[i]] as const).sort((a, b) => a[0] - b[0]);
    s.pages = order.map((o) => o[0]);
    s.pageLikelihoods = order.map((o) => o[1]);
  }
  return out.sort((a, b) => a.pages[0] - b.pages[0]);
}
