// What a requested category means to the local classifier: which known kinds its name (or, failing that,
// its description) names, whether it is the catch-all ("other"), whether it asks for prose, and the stemmed
// words of its name and description for plain word overlap with the document.
import { labelRegExp } from '../extract/field-spec.ts';
import { norm } from '../extract/normalize.ts';
import { FALLBACK_NAMES, KINDS, PROSE_NAMES } from './kinds.ts';
import { contentWords, stem } from './text-tools.ts';

export interface Category {
  name: string;
  description: string;
}

export interface CategoryProfile {
  category: Category;
  /** Known kinds the category stands for. */
  kinds: string[];
  fallback: boolean;
  prose: boolean;
  /** Stemmed content words of name and description. */
  stems: Set<string>;
}

export function profileCategory(category: Category): CategoryProfile {
  const name = phrase(category.name);
  const desc = phrase(category.description);
  let kinds = kindsNamedIn(name);
  if (kinds.length === 0) kinds = kindsNamedIn(desc);
  const fallback = FALLBACK_NAMES.some((n) => has(name, n)) || (kinds.length === 0 && FALLBACK_NAMES.some((n) => has(desc, n)));
  const prose = PROSE_NAMES.some((n) => has(name, n) || has(desc, n));
  const stems = new Set(contentWords(`${category.name.replace(/[_-]+/g, ' ')} ${category.description}`).map(stem));
  return { category, kinds: fallback ? [] : kinds, fallback, prose, stems };
}

/** Kinds whose names occur in `text`; a name covered by a longer name of another kind does not count. */
export function kindsNamedIn(text: string): string[] {
  if (!text) return [];
  const found: { kind: string; start: number; end: number }[] = [];
  for (const k of KINDS) {
    for (const n of [...k.names, ...(k.titleOnly ?? [])]) {
      const re = labelRegExp(n);
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].length === 0) break;
        found.push({ kind: k.id, start: m.index, end: m.index + m[0].length });
      }
    }
  }
  const kept = found.filter((f) => !found.some((g) => g.kind !== f.kind && g.start <= f.start && g.end >= f.end && g.end - g.start > f.end - f.start));
  return [...new Set(kept.map((f) => f.kind))];
}

function phrase(s: string): string {
  return norm(s ?? '').replace(/[_\-]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function has(text: string, name: string): boolean {
  const re = labelRegExp(name);
  return re.test(text);
}
