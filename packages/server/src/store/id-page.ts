// Driver-neutral id-cursor pagination shared by runList and templateList on every driver.
//
// Ids are time-sortable, so ordering by id is ordering by creation. `order` is the direction the
// client walks. `after=X` continues past X in that direction; `before=X` gives the page just
// before X, fetched by walking *backwards* from X (the opposite SQL order, nearest first) and then
// reversing, so the page is still returned in `order`. Drivers fetch limit+1 rows: the extra row
// only tells whether more items exist further in the direction fetched (hasMore).

export interface IdPageParams {
  limit: number;
  order: 'asc' | 'desc';
  before?: string;
  after?: string;
}

export interface IdPagePlan {
  /** Bounds on the id column: each `id <op> value`. */
  bounds: { op: '<' | '>'; value: string }[];
  /** SQL ordering by id. */
  sqlOrder: 'ASC' | 'DESC';
  /** True when rows come back in the reverse of `order` and must be reversed after trimming. */
  reversed: boolean;
  /** Page size (1..100); fetch limit + 1. */
  limit: number;
}

export function planIdPage(p: IdPageParams): IdPagePlan {
  const limit = Math.max(1, Math.min(100, Math.floor(p.limit)));
  const desc = p.order === 'desc';
  const bounds: IdPagePlan['bounds'] = [];
  // "after X" in the walking order: smaller ids when walking desc, larger when walking asc.
  if (p.after) bounds.push({ op: desc ? '<' : '>', value: p.after });
  if (p.before) bounds.push({ op: desc ? '>' : '<', value: p.before });
  // With only `before`, we walk backwards from the cursor; otherwise forwards.
  const reversed = Boolean(p.before) && !p.after;
  const sqlDesc = reversed ? !desc : desc;
  return { bounds, sqlOrder: sqlDesc ? 'DESC' : 'ASC', reversed, limit };
}

/** Trim the limit+1 rows fetched under `plan` to the page, in walking order. */
export function takePage<T>(plan: IdPagePlan, rows: T[]): { data: T[]; hasMore: boolean } {
  const hasMore = rows.length > plan.limit;
  const page = rows.slice(0, plan.limit);
  if (plan.reversed) page.reverse();
  return { data: page, hasMore };
}
