// Decides, for each page after the first, whether it starts a new document. Each signal votes:
// printed page numbers (page 1 starts, page k+1 after page k continues, "2 / 2" ends), document numbers
// (a new number starts, the same number continues), a change of subdocument kind, a title that is not a
// repeated header, an empty page (joins the previous one). Positive total = a boundary.
import type { PageSignals } from './page-signals.ts';

export type SignalName = 'marker' | 'number' | 'kind' | 'title';

export interface Boundary {
  /** 1-based page that starts a segment. */
  page: number;
  start: boolean;
  /** How sure (0..1) the decision is, from the margin of the vote. */
  confidence: number;
  reasons: string[];
}

export function decideBoundaries(signals: PageSignals[], use: Set<SignalName> = new Set(['marker', 'number', 'kind', 'title'])): Boundary[] {
  const out: Boundary[] = [];
  signals.forEach((cur, i) => {
    if (i === 0) {
      out.push({ page: cur.page, start: true, confidence: 1, reasons: ['first page'] });
      return;
    }
    const prev = signals[i - 1];
    const reasons: string[] = [];
    let score = 0;
    const vote = (w: number, why: string) => {
      score += w;
      reasons.push(`${why} (${w > 0 ? '+' : ''}${w})`);
    };
    if (cur.empty) vote(-3, 'empty page');
    if (use.has('marker')) {
      if (cur.marker?.index === 1) vote(3, `'${cur.marker.text}'`);
      else if (cur.marker && prev.marker && cur.marker.index === prev.marker.index + 1) vote(-3, `'${cur.marker.text}' follows '${prev.marker.text}'`);
      else if (cur.marker && cur.marker.index > 1) vote(-1.5, `'${cur.marker.text}'`);
      if (prev.marker?.total != null) {
        if (prev.marker.index >= prev.marker.total) vote(1, `previous page was the last ('${prev.marker.text}')`);
        else vote(-2, `previous page '${prev.marker.text}' announces more pages`);
      }
    }
    if (use.has('number') && cur.docNumber && prev.docNumber) {
      if (cur.docNumber.key === prev.docNumber.key) vote(-3, `same document number '${cur.docNumber.value}'`);
      else vote(3, `new document number '${cur.docNumber.value}' after '${prev.docNumber.value}'`);
    }
    if (use.has('kind') && !cur.empty) {
      const a = cur.ranked[0];
      const b = prev.ranked[0];
      if (a && b && a.profile !== b.profile) {
        const mine = a.score - (cur.ranked.find((r) => r.profile === b.profile)?.score ?? 0);
        const theirs = b.score - (prev.ranked.find((r) => r.profile === a.profile)?.score ?? 0);
        if (mine >= 1.5 && theirs >= 1.5) vote(2, `looks like '${a.profile.category.name}' after '${b.profile.category.name}'`);
      }
    }
    if (use.has('title') && !cur.empty) {
      if (cur.header === prev.header && cur.header !== '') vote(-1, 'repeats the previous header');
      else if (cur.title) vote(1, `title '${cur.title}'`);
    }
    out.push({ page: cur.page, start: score > 0, confidence: Math.min(1, 0.5 + Math.abs(score) / 6), reasons });
  });
  return out;
}
