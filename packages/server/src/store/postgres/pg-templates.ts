// Edit templates on PostgreSQL: the edit_templates table, listed by id cursor exactly like runs.
// The same queries as ../sqlite/sqlite-templates.ts in PostgreSQL's dialect.
import type pg from 'pg';
import type { EditTemplate, RunStore } from '../run-store.ts';
import { type TemplateRow, rowToTemplate } from '../row-mapper.ts';
import { planIdPage, takePage } from '../id-page.ts';
import { Where } from './pg-list-query.ts';

type P<K extends keyof RunStore> = RunStore[K] extends (p: infer A) => unknown ? A : never;

export class PgTemplates {
  constructor(private readonly pool: pg.Pool) {}

  async create(p: P<'templateCreate'>): Promise<EditTemplate> {
    const now = new Date().toISOString();
    const r = await this.pool.query<TemplateRow>(
      `INSERT INTO edit_templates (id, project_id, name, file_json, blob_key, form_fields_json, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING *`,
      [p.id, p.projectId, p.name, JSON.stringify(p.file), p.blobKey, JSON.stringify(p.formFields ?? []), now],
    );
    return rowToTemplate(r.rows[0]);
  }

  async get(p: P<'templateGet'>): Promise<EditTemplate | null> {
    const r = await this.pool.query<TemplateRow>('SELECT * FROM edit_templates WHERE id = $1 AND project_id = $2', [p.id, p.projectId]);
    return r.rows[0] ? rowToTemplate(r.rows[0]) : null;
  }

  async list(p: P<'templateList'>): Promise<{ data: EditTemplate[]; hasMore: boolean }> {
    const plan = planIdPage(p);
    const w = new Where().add('project_id = ?', p.projectId);
    for (const b of plan.bounds) w.add(`id ${b.op} ?`, b.value);
    if (p.name) w.add('strpos(lower(name), ?) > 0', p.name.toLowerCase());
    const limit = w.param(plan.limit + 1);
    const r = await this.pool.query<TemplateRow>(
      `SELECT * FROM edit_templates WHERE ${w.sql} ORDER BY id ${plan.sqlOrder} LIMIT ${limit}`,
      w.args,
    );
    const page = takePage(plan, r.rows);
    return { data: page.data.map(rowToTemplate), hasMore: page.hasMore };
  }

  async update(p: P<'templateUpdate'>): Promise<EditTemplate | null> {
    const r = await this.pool.query<TemplateRow>(
      `UPDATE edit_templates SET name = COALESCE($1, name), form_fields_json = COALESCE($2::json, form_fields_json), updated_at = $3
       WHERE id = $4 AND project_id = $5 RETURNING *`,
      [p.name ?? null, p.formFields === undefined ? null : JSON.stringify(p.formFields), new Date().toISOString(), p.id, p.projectId],
    );
    return r.rows[0] ? rowToTemplate(r.rows[0]) : null;
  }

  async delete(p: P<'templateDelete'>): Promise<boolean> {
    const r = await this.pool.query('DELETE FROM edit_templates WHERE id = $1 AND project_id = $2', [p.id, p.projectId]);
    return (r.rowCount ?? 0) > 0;
  }
}
