// What each page says about where documents start: its printed page number, its document number (read with
// the extract engine's label matcher), the subdocument it looks like (the classifier on that page alone),
// whether it carries a title, and a fingerprint of its header lines (digits masked).
import type { LoadedDocument, Page } from '../../documents/types.ts';
import type { CategoryProfile } from '../classify/category-profile.ts';
import { gatherEvidence } from '../classify/evidence.ts';
import { scoreCategories, type CategoryScore } from '../classify/score-categories.ts';
import { conceptSpec } from '../extract/fallbacks.ts';
import { norm } from '../extract/normalize.ts';
import { readPageValues, type PageValue } from '../partition/page-values.ts';
import { findPageMarker, type PageMarker } from './page-marker.ts';

export interface PageSignals {
  page: number;
  empty: boolean;
  marker: PageMarker | null;
  docNumber: PageValue | null;
  /** The page's ranking of the subdocument names. */
  ranked: CategoryScore[];
  title: string | null;
  header: string;
}

export function pageSignals(doc: LoadedDocument, page: Page, profiles: CategoryProfile[]): PageSignals {
  const texts = page.lines.map((l) => l.text);
  const evidence = gatherEvidence(doc, [page]);
  const title = [...evidence.kinds.values()].flatMap((k) => k.clues).find((c) => c.what === 'title')?.text ?? null;
  return {
    page: page.number,
    empty: texts.every((t) => t.trim() === ''),
    marker: findPageMarker(texts),
    docNumber: readPageValues(doc, page, conceptSpec('invoice_number'))[0] ?? null,
    ranked: scoreCategories(profiles, evidence),
    title,
    header: texts
      .filter((t) => t.trim())
      .slice(0, 3)
      .map((t) => norm(t).replace(/\d+/g, '#').replace(/\s+/g, ' ').trim())
      .join('|'),
  };
}
