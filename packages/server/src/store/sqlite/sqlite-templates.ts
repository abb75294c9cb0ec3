// Edit templates on SQLite: the edit_templates table (a PDF form kept for reuse by id), listed by
// id cursor exactly like runs. Used by SqliteStore; one connection, synchronous statements.
import type Database from 'better-sqlite3';
import type { EditTemplate, RunStore } from '../run-store.ts';
import { type TemplateRow, rowToTemplate } from '../row-mapper.ts';
import { planIdPage, takePage } from '../id-page.ts';

type P<K extends keyof RunStore> = RunStore[K] extends (p: infer A) => unknown ? A : never;

export class SqliteTemplates {
  constructor(private readonly db: Database.Database) {}

  create(p: P<'templateCreate'>): EditTemplate {
    const now = new Date().toISOString();
    const row = this.db
      .prepare(
        `INSERT INTO edit_templates (id, project_id, name, file_json, blob_key, form_fields_json, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(p.id, p.projectId, p.name, JSON.stringify(p.file), p.blobKey, JSON.stringify(p.formFields ?? []), now, now) as TemplateRow;
    return rowToTemplate(row);
  }

  get(p: P<'templateGet'>): EditTemplate | null {
    const row = this.db.prepare('SELECT * FROM edit_templates WHERE id = ? AND project_id = ?').get(p.id, p.projectId) as
      | TemplateRow
      | undefined;
    return row ? rowToTemplate(row) : null;
  }

  list(p: P<'templateList'>): { data: EditTemplate[]; hasMore: boolean } {
    const plan = planIdPage(p);
    const where = ['project_id = ?'];
    const args: unknown[] = [p.projectId];
    for (const b of plan.bounds) {
      where.push(`id ${b.op} ?`);
      args.push(b.value);
    }
    if (p.name) {
      // docket_lower: JS toLowerCase registered on the connection (SQLite's lower() is ASCII-only).
      where.push('instr(docket_lower(name), ?) > 0');
      args.push(p.name.toLowerCase());
    }
    args.push(plan.limit + 1);
    const rows = this.db
      .prepare(`SELECT * FROM edit_templates WHERE ${where.join(' AND ')} ORDER BY id ${plan.sqlOrder} LIMIT ?`)
      .all(...args) as TemplateRow[];
    const page = takePage(plan, rows);
    return { data: page.data.map(rowToTemplate), hasMore: page.hasMore };
  }

  update(p: P<'templateUpdate'>): EditTemplate | null {
    const row = this.db
      .prepare(
        `UPDATE edit_templates SET name = COALESCE(?, name), form_fields_json = COALESCE(?, form_fields_json), updated_at = ?
         WHERE id = ? AND project_id = ? RETURNING *`,
      )
      .get(
        p.name ?? null,
        p.formFields === undefined ? null : JSON.stringify(p.formFields),
        new Date().toISOString(),
        p.id,
        p.projectId,
      ) as TemplateRow | undefined;
    return row ? rowToTemplate(row) : null;
  }

  delete(p: P<'templateDelete'>): boolean {
    return this.db.prepare('DELETE FROM edit_templates WHERE id = ? AND project_id = ?').run(p.id, p.projectId).changes > 0;
  }
}
