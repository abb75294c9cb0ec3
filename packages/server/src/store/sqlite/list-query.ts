// Builds the SQLite SQL for runList: filters, plus the id-cursor bounds and walking direction
// planned by ../id-page.ts (shared with templateList and the PostgreSQL driver).
import type { RunListParams } from '../run-store.ts';
import { type IdPagePlan, planIdPage } from '../id-page.ts';

export interface ListQuery {
  sql: string;
  args: unknown[];
  plan: IdPagePlan;
}

/** Normalise a client date (any Date-parsable string) to the ISO form stored in created_at. */
export function toIso(value: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Error(`invalid date: ${JSON.stringify(value)}`);
  return d.toISOString();
}

export function buildListQuery(p: RunListParams): ListQuery {
  const plan = planIdPage(p);
  const where: string[] = ['project_id = ?', 'primitive = ?'];
  const args: unknown[] = [p.projectId, p.primitive];
  for (const b of plan.bounds) {
    where.push(`id ${b.op} ?`);
    args.push(b.value);
  }
  if (p.fromDate) {
    where.push('created_at >= ?');
    args.push(toIso(p.fromDate));
  }
  if (p.toDate) {
    where.push('created_at < ?');
    args.push(toIso(p.toDate));
  }
  if (p.status) {
    where.push('status = ?');
    args.push(p.status);
  }
  if (p.filename) {
    // docket_lower is a JS toLowerCase registered on the connection: SQLite's lower() is ASCII-only.
    where.push("instr(docket_lower(coalesce(json_extract(file_json, '$.filename'), '')), ?) > 0");
    args.push(p.filename.toLowerCase());
  }
  if (p.templateId) {
    where.push("json_extract(params_json, '$.template_id') = ?");
    args.push(p.templateId);
  }
  for (const [key, value] of Object.entries(p.metadata ?? {})) {
    // json_each instead of a json_extract path so any key (dots, quotes) matches literally.
    where.push("EXISTS (SELECT 1 FROM json_each(runs.metadata_json) WHERE json_each.key = ? AND json_each.value = ? AND json_each.type = 'text')");
    args.push(key, value);
  }

  const sql = `SELECT * FROM runs WHERE ${where.join(' AND ')} ORDER BY id ${plan.sqlOrder} LIMIT ?`;
  args.push(plan.limit + 1);
  return { sql, args, plan };
}
