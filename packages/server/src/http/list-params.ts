// Turns a validated list query into store list parameters (dates, metadata filter, cursors).
import type { Primitive } from '../runs/types.ts';
import type { RunListParams } from '../store/run-store.ts';
import { ApiError } from './errors.ts';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function toListParams(primitive: Primitive, projectId: string, q: Record<string, unknown>): RunListParams {
  if (q.before && q.after) throw new ApiError(400, 'Send only one of before and after');
  const p: RunListParams = {
    projectId,
    primitive,
    limit: q.limit as number,
    order: q.order as 'asc' | 'desc',
    before: q.before as string | undefined,
    after: q.after as string | undefined,
    filename: (q.filename as string | undefined) || undefined,
    status: q.status as RunListParams['status'],
    templateId: q.template_id as string | undefined,
  };
  if (q.from_date) p.fromDate = toInstant(String(q.from_date), 'from_date', false);
  if (q.to_date) p.toDate = toInstant(String(q.to_date), 'to_date', true);
  if (q.metadata) {
    let m: unknown;
    try {
      m = JSON.parse(String(q.metadata));
    } catch {
      throw new ApiError(400, 'metadata must be a JSON object of strings, e.g. {"batch":"b1"}');
    }
    if (!m || typeof m !== 'object' || Array.isArray(m) || Object.values(m).some((v) => typeof v !== 'string')) {
      throw new ApiError(400, 'metadata must be a JSON object of strings, e.g. {"batch":"b1"}');
    }
    p.metadata = m as Record<string, string>;
  }
  return p;
}

/** A date (YYYY-MM-DD, whole day) or an RFC 3339 instant → ISO instant. `to` dates are exclusive ends. */
function toInstant(v: string, field: string, isEnd: boolean): string {
  if (DATE_ONLY.test(v)) {
    const d = new Date(`${v}T00:00:00.000Z`);
    if (Number.isNaN(d.getTime())) throw new ApiError(400, `${field} is not a valid date: '${v}'`);
    if (isEnd) d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString();
  }
  const d = new Date(v);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(v)) throw new ApiError(400, `${field} must be YYYY-MM-DD or an RFC 3339 timestamp, got '${v}'`);
  return d.toISOString();
}
