// Chaos helper: the checks made once the chaos is over, through the API (what clients saw) and the
// database (what is stored). Each broken rule becomes one line in `violations`.
import type { DbRun } from './chaos-db.ts';
import { TERMINAL, type Observer, type SeenRun } from './observer.ts';

export interface CancelAck {
  id: string;
  /** Status in the cancel answer. */
  status: string;
  /** The answer showed cancel_requested_at (the cancel reached an in_progress run). */
  requested: boolean;
}

export interface CheckInput {
  expected: number;
  createdIds: string[];
  finalSweep: Map<string, SeenRun>;
  observer: Observer;
  cancels: CancelAck[];
  dbRuns: DbRun[];
  /** Runs held by a killed process: the only ones expected to run more than once. */
  heldAtKill: Set<string>;
}

export interface CheckResult {
  violations: string[];
  notes: string[];
  counts: Record<string, number>;
  failuresByCode: Record<string, number>;
  attempts: Record<string, number>;
}

const bump = (o: Record<string, number>, k: string) => void (o[k] = (o[k] ?? 0) + 1);

export function checkRuns(i: CheckInput): CheckResult {
  const v: string[] = [];
  const notes: string[] = [];
  const created = new Set(i.createdIds);
  if (created.size !== i.expected) v.push(`created ${i.expected} runs but got ${created.size} distinct ids`);
  // Through the API: every created run listed once, terminal, with completed_at.
  const listed = new Set(i.finalSweep.keys());
  for (const id of created) if (!listed.has(id)) v.push(`${id} was created but is not listed (lost)`);
  for (const id of listed) if (!created.has(id)) v.push(`${id} is listed but was never created by this run`);
  for (const r of i.finalSweep.values()) {
    if (!TERMINAL.has(r.status)) v.push(`${r.id} is still ${r.status}`);
    else if (!r.completedAt) v.push(`${r.id} is ${r.status} without completed_at`);
  }
  v.push(...i.observer.violations);
  // Cancels: the answer and the final state agree; a cancelled or cancel-requested run never completes.
  for (const c of i.cancels) {
    const final = i.finalSweep.get(c.id)?.status;
    const seen = [...(i.observer.statuses.get(c.id) ?? [])];
    if (c.status === 'cancelled' || c.requested) {
      if (seen.includes('completed')) v.push(`${c.id}: cancel answered ${c.status}${c.requested ? ' (requested)' : ''} but the run was seen completed`);
      if (final !== 'cancelled') v.push(`${c.id}: cancel answered ${c.status}${c.requested ? ' (requested)' : ''}, final status ${final}`);
    } else if (TERMINAL.has(c.status) && final !== c.status) {
      v.push(`${c.id}: cancel answered terminal ${c.status}, final status ${final}`);
    }
  }
  // In the database: the same runs, the same statuses, consistent columns.
  const db = new Map(i.dbRuns.map((r) => [r.id, r]));
  if (db.size !== i.expected) v.push(`database holds ${db.size} runs, expected ${i.expected}`);
  const counts: Record<string, number> = {};
  const failuresByCode: Record<string, number> = {};
  const attempts: Record<string, number> = {};
  for (const id of created) {
    const r = db.get(id);
    if (!r) {
      v.push(`${id} missing from the database`);
      continue;
    }
    bump(counts, r.status);
    bump(attempts, String(r.attempts));
    if (r.status === 'failed') bump(failuresByCode, r.errorCode ?? 'none');
    const api = i.finalSweep.get(id);
    if (api && api.status !== r.status) v.push(`${id}: API says ${api.status}, database says ${r.status}`);
    if (api && api.attempts !== r.attempts) v.push(`${id}: API says attempts ${api.attempts}, database says ${r.attempts}`);
    if (!TERMINAL.has(r.status)) continue; // already reported through the API
    if (!r.completedAt) v.push(`${id}: ${r.status} in the database without completed_at`);
    if (r.leaseOwner) v.push(`${id}: ${r.status} but still leased to ${r.leaseOwner}`);
    if (r.status === 'cancelled' && r.hasOutput) v.push(`${id}: cancelled with an output stored`);
    if (r.status === 'completed' && (!r.hasOutput || r.errorCode)) v.push(`${id}: completed without output or with an error`);
    if (r.status === 'failed' && !r.errorCode) v.push(`${id}: failed without an error code`);
    if (r.cancelRequestedAt && r.status !== 'cancelled') v.push(`${id}: cancel requested but ended ${r.status}`);
    if (r.attempts < 0 || r.attempts > r.maxAttempts) v.push(`${id}: attempts ${r.attempts} outside 0..${r.maxAttempts}`);
    if (r.status === 'completed' && r.attempts < 1) v.push(`${id}: completed after 0 attempts`);
    if (r.startedAt && r.completedAt && r.startedAt > r.completedAt) v.push(`${id}: started_at after completed_at`);
    if (r.attempts > 1 && !i.heldAtKill.has(id)) notes.push(`${id} ran ${r.attempts} times without being held by a killed process (a lease lapsed on a live, overloaded worker?)`);
  }
  return { violations: v, notes, counts, failuresByCode, attempts };
}
