// Page-list helpers for split and partition answers: keep valid pages of the chunk, sort, dedupe.

/** 1-based pages from a model answer, restricted to `allowed`, sorted and unique. */
export function cleanPages(pages: unknown, allowed: Set<number>): number[] {
  if (!Array.isArray(pages)) return [];
  return [...new Set(pages.filter((p): p is number => typeof p === 'number' && Number.isInteger(p) && allowed.has(p)))].sort((a, b) => a - b);
}

/** Expand a {start_page, end_page} answer to its pages. */
export function rangePages(start: unknown, end: unknown, allowed: Set<number>): number[] {
  if (typeof start !== 'number' || typeof end !== 'number') return [];
  const out: number[] = [];
  for (let p = Math.min(start, end); p <= Math.max(start, end); p++) if (allowed.has(p)) out.push(p);
  return out;
}

export const sortedUnion = (a: number[], b: number[]): number[] => [...new Set([...a, ...b])].sort((x, y) => x - y);
