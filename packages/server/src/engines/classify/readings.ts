// One "reading" of a document for classification: which pages, which part of them (everything or the
// title region) and which evidence (cues, words, both). n_consensus > 1 uses several different readings.
import type { LoadedDocument, Page } from '../../documents/types.ts';
import type { CategoryProfile } from './category-profile.ts';
import { gatherEvidence, type Evidence } from './evidence.ts';
import { explain } from './reasoning.ts';
import { scoreCategories, type CategoryScore, type ScoreOptions } from './score-categories.ts';

export interface Reading {
  scope: string;
  pages: (pages: Page[]) => Page[];
  titleOnly?: boolean;
  use?: ScoreOptions['use'];
}

export interface ReadingResult {
  reading: Reading;
  ranked: CategoryScore[];
  evidence: Evidence;
  category: string;
  reasoning: string;
}

const all = (p: Page[]) => p;
const scopeOf = (n: number) => (n === 1 ? 'read 1 page' : `read ${n} pages`);

/** The readings in the order they are used: the first is the full reading that `n_consensus: 1` uses. */
export function readingsFor(pageCount: number, n: number): Reading[] {
  const base: Reading[] = [
    { scope: scopeOf(pageCount), pages: all },
    { scope: 'title region only', pages: (p) => p.slice(0, 1), titleOnly: true },
    { scope: 'first page only', pages: (p) => p.slice(0, 1) },
    { scope: 'printed cues only', pages: all, use: 'cues' },
    { scope: 'word overlap only', pages: all, use: 'words' },
  ];
  if (pageCount > 1) base.push({ scope: 'last page only', pages: (p) => p.slice(-1) });
  for (let k = 2; k < pageCount && base.length < n; k++) base.push({ scope: `page ${k} only`, pages: (p) => p.slice(k - 1, k) });
  const out: Reading[] = [];
  for (let i = 0; i < n; i++) out.push(base[i % base.length]);
  return out;
}

export function runReading(doc: LoadedDocument, pages: Page[], profiles: CategoryProfile[], reading: Reading): ReadingResult {
  const chosen = reading.pages(pages);
  const evidence = gatherEvidence(doc, chosen, { titleOnly: reading.titleOnly });
  const ranked = scoreCategories(profiles, evidence, { use: reading.use });
  return { reading, ranked, evidence, category: ranked[0]?.profile.category.name ?? '', reasoning: explain(ranked, evidence, reading.scope) };
}
