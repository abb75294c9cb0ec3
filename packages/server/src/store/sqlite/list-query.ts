// Builds the SQL for runList: filters, id-cursor bounds and walking direction.
//
// Ids are time-sortable, so ordering by id is ordering by creation. `order` is the direction the
// client walks. `after=X` continues past X in that direction; `before=X` gives the page just
// before X, which we fetch by walking *backwards* from X (the opposite SQL order, nearest first)
// and then reversing, so the page is still returned in `order`. We fetch limit+1 rows: the extra
// row only tells whether more items exist further in the direction fetched (hasMore).
import type { RunListParams } from '../run-store.ts';

export interface ListQuery {
  sql: string;
  args: unknown[];
  /** True when rows come back in the reverse of `order` and must be reversed after trimming. */
  reversed: boolean;
  limit: number;
}

/** Normalise a client date (any Date-parsable string) to the ISO form stored in created_at. */
export function toIso(value: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Error(`invalid date: ${JSON.stringify(value)}`);
  return d.toISOString();
}

export function buildListQuery(p: RunListParams): ListQuery {
  const limit = Math.max(1, Math.min(100, Math.floor(p.limit)));
  const where: string[] = ['project_id = ?', 'primitive = ?'];
  const args: unknown[] = [p.projectId, p.primitive];
  const desc = p.order === 'desc';

  // "after X" in the walking order: smaller ids when walking desc, larger when walking asc.
  if (p.after) {
    where.push(desc ? 'id < ?' : 'id > ?');
    args.push(p.after);
  }
  if (p.before) {
    where.push(desc ? 'id > ?' : 'id < ?');
    args.push(p.before);
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

  // With only `before`, we walk backwards from the cursor; otherwise forwards.
  const reversed = Boolean(p.before) && !p.after;
  const sqlDesc = reversed ? !desc : desc;
  const sql = `SELECT * FROM runs WHERE ${where.join(' AND ')} ORDER BY id ${sqlDesc ? 'DESC' : 'ASC'} LIMIT ?`;
  args.push(limit + 1);
  return { sql, args, reversed, limit };
}
