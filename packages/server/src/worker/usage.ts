// Credits a run costs (Retab's pricing rule): model credits × pages, × n_consensus for extract/split,
// ÷ 4 for classify, × 3 for edit.
import { resolveModel } from '../models/registry.ts';
import type { Primitive } from '../runs/types.ts';

export function computeUsage(primitive: Primitive, model: string, pages: number, params: Record<string, unknown>, creditsPerPage?: number): { credits: number; page_count: number } {
  const perPage = creditsPerPage ?? resolveModel(model)?.creditsPerPage ?? 1;
  const n = typeof params.n_consensus === 'number' ? params.n_consensus : 1;
  let credits = perPage * pages;
  if (primitive === 'extraction' || primitive === 'split') credits *= n;
  if (primitive === 'classification') credits /= 4;
  if (primitive === 'edit') credits *= 3;
  return { credits: Math.round(credits * 1000) / 1000, page_count: pages };
}
