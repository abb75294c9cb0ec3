// Builds the PostgreSQL SQL for runList: the same filters as ../sqlite/list-query.ts in
// PostgreSQL's dialect ($n parameters, json operators), with the id-cursor plan of ../id-page.ts.
import type { RunListParams } from '../run-store.ts';
import { type IdPagePlan, planIdPage } from '../id-page.ts';
import { toIso } from '../sqlite/list-query.ts';

export interface PgListQuery {
  sql: string;
  args: unknown[];
  plan: IdPagePlan;
}

/** Collects WHERE conditions with numbered parameters. */
export class Where {
  readonly conds: string[] = [];
  readonly args: unknown[] = [];
  /** Add a condition; each `?` in it becomes the next $n, bound to the next value. */
  add(cond: string, ...values: unknown[]): this {
    let i = 0;
    this.conds.push(cond.replace(/\?/g, () => `$${this.args.length + ++i}`));
    this.args.push(...values);
    return this;
  }
  /** The next parameter placeholder, bound to `value` (for LIMIT and the like). */
  param(value: unknown): string {
    this.args.push(value);
    return `$${this.args.length}`;
  }
  get sql(): string {
    return this.conds.join(' AND ');
  }
}

export function buildPgListQuery(p: RunListParams): PgListQuery {
  const plan = planIdPage(p);
  const w = new Where().add('project_id = ?', p.projectId).add('primitive = ?', p.primitive);
  for (const b of plan.bounds) w.add(`id ${b.op} ?`, b.value);
  if (p.fromDate) w.add('created_at >= ?::timestamptz', toIso(p.fromDate));
  if (p.toDate) w.add('created_at < ?::timestamptz', toIso(p.toDate));
  if (p.status) w.add('status = ?', p.status);
  // lower() is Unicode-aware in a UTF-8 database; the needle is lowered in JS the same way as SQLite's.
  if (p.filename) w.add("strpos(lower(coalesce(file_json ->> 'filename', '')), ?) > 0", p.filename.toLowerCase());
  if (p.templateId) w.add("params_json ->> 'template_id' = ?", p.templateId);
  for (const [key, value] of Object.entries(p.metadata ?? {})) {
    // Only string values match, like SQLite's json_each type = 'text'.
    w.add("json_typeof(metadata_json -> ?::text) = 'string' AND metadata_json ->> ?::text = ?", key, key, value);
  }
  const limit = w.param(plan.limit + 1);
  return { sql: `SELECT * FROM runs WHERE ${w.sql} ORDER BY id ${plan.sqlOrder} LIMIT ${limit}`, args: w.args, plan };
}
