// Finds where a field's labels are printed. A match is dropped when a longer label of another concept
// covers it ("Date" inside "Due Date", "Total" inside "Total HT", "Invoice" inside "Invoice Date").
import { CONCEPTS } from './concepts.ts';
import type { DocIndex, IndexedLine, Segment } from './doc-index.ts';
import { labelRegExp, type FieldSpec, type LabelSpec } from './field-spec.ts';
import { norm } from './normalize.ts';

export interface LabelHit {
  line: IndexedLine;
  seg: number;
  start: number;
  end: number;
  tier: 1 | 2 | 3;
  label: string;
  /** Words of the segment before the label (a label deep inside a sentence is weak evidence). */
  wordsBefore: number;
}

interface Claim {
  concept: string;
  start: number;
  end: number;
}

const CONCEPT_LABELS: { concept: string; re: RegExp }[] = CONCEPTS.flatMap((c) =>
  [...c.strong, ...c.medium].map((l) => ({ concept: c.id, re: labelRegExp(norm(l)) })),
);

/** Per-document cache of every concept label match per segment. */
export class ClaimCache {
  private readonly cache = new Map<string, Claim[]>();

  claims(line: IndexedLine, seg: number): Claim[] {
    const key = `${line.order}:${seg}`;
    let found = this.cache.get(key);
    if (!found) {
      found = matchAll(line.segments[seg].norm, CONCEPT_LABELS);
      this.cache.set(key, found);
    }
    return found;
  }

  /** Concept ids with a label in this segment (for "is this cell itself a label?"). */
  conceptsIn(line: IndexedLine, seg: number): Set<string> {
    return new Set(this.claims(line, seg).map((c) => c.concept));
  }
}

function matchAll(text: string, labels: { concept: string; re: RegExp }[]): Claim[] {
  const out: Claim[] = [];
  for (const { concept, re } of labels) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      out.push({ concept, start: m.index, end: m.index + m[0].length });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return out;
}

/** Every unclaimed occurrence of the field's labels, in document order. */
export function findLabelHits(index: DocIndex, spec: FieldSpec, cache: ClaimCache, labels: LabelSpec[] = spec.labels): LabelHit[] {
  const hits: LabelHit[] = [];
  for (const line of index.lines) {
    line.segments.forEach((segment, seg) => {
      for (const label of labels) {
        label.re.lastIndex = 0;
        for (let m = label.re.exec(segment.norm); m; m = label.re.exec(segment.norm)) {
          const start = m.index;
          const end = start + m[0].length;
          if (m[0].length === 0) {
            label.re.lastIndex++;
            continue;
          }
          if (claimedByOther(cache.claims(line, seg), spec.own, start, end)) continue;
          // Keep only the longest of overlapping hits of this field in one segment.
          const overlapping = hits.find((h) => h.line === line && h.seg === seg && start < h.end && end > h.start);
          if (overlapping) {
            if (end - start > overlapping.end - overlapping.start || label.tier > overlapping.tier) {
              Object.assign(overlapping, { start, end, tier: Math.max(label.tier, overlapping.tier), label: label.text, wordsBefore: wordsBefore(segment, start) });
            }
            continue;
          }
          hits.push({ line, seg, start, end, tier: label.tier, label: label.text, wordsBefore: wordsBefore(segment, start) });
        }
      }
    });
  }
  return hits.sort((a, b) => a.line.order - b.line.order || a.seg - b.seg || a.start - b.start);
}

function claimedByOther(claims: Claim[], own: Set<string>, start: number, end: number): boolean {
  return claims.some((c) => !own.has(c.concept) && c.start <= start && c.end >= end && c.end - c.start > end - start);
}

function wordsBefore(segment: Segment, start: number): number {
  return segment.norm.slice(0, start).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
