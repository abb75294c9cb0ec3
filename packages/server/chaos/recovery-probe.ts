// Chaos helper: after a kill -9, watches the runs the dead process held (status in_progress, lease
// owner naming its pid) in the database and times their recovery: when the first of them was handed
// back by lease recovery (queued again, or ended if its cancel was requested), when the first was
// claimed again by a live worker (lease recovery time), and when all of them had been dealt with.
import type { ChaosDb, DbRun } from './chaos-db.ts';

export interface HeldRunTimeline {
  id: string;
  /** Kill → lease recovery changed it (queued again or ended), ms. */
  releasedMs: number | null;
  /** Kill → claimed by another lease owner, ms. */
  reclaimedMs: number | null;
  /** Status when the probe stopped watching it. */
  status: string;
  /** Pid in the lease owner that claimed it again. */
  byPid: string | null;
}

export interface RecoveryReport {
  killedPid: number;
  /** Runs the killed process held when it died. */
  held: string[];
  /** Kill → first held run released by lease recovery (ms). */
  firstReleaseMs: number | null;
  /** Kill → first re-claim by another lease owner (ms): the lease recovery time. */
  firstReclaimMs: number | null;
  /** Kill → every held run re-claimed or terminal (ms). */
  allRecoveredMs: number | null;
  reclaimed: number;
  timeline: HeldRunTimeline[];
  /** In-progress runs per lease-owner pid when the first held run was released (is anyone free?). */
  busyAtRelease: Record<string, number>;
}

/** The runs `pid` holds right now. Lease owners are `host:pid:random`. */
export async function heldBy(db: ChaosDb, pid: number): Promise<DbRun[]> {
  return (await db.runs()).filter((r) => r.status === 'in_progress' && r.leaseOwner?.split(':')[1] === String(pid));
}

const min = (xs: (number | null)[]) => xs.reduce<number | null>((m, x) => (x === null ? m : m === null ? x : Math.min(m, x)), null);

export async function probeRecovery(db: ChaosDb, pid: number, killedAt: number, held: DbRun[], timeoutMs: number): Promise<RecoveryReport> {
  const before = new Map(held.map((r) => [r.id, r]));
  const timeline = new Map<string, HeldRunTimeline>(held.map((r) => [r.id, { id: r.id, releasedMs: null, reclaimedMs: null, status: r.status, byPid: null }]));
  let busyAtRelease: Record<string, number> = {};
  const open = () => [...timeline.values()].filter((t) => t.reclaimedMs === null && !['completed', 'failed', 'cancelled'].includes(t.status));
  const deadline = killedAt + timeoutMs;
  while (open().length > 0 && Date.now() < deadline) {
    const rows = await db.runs();
    const ms = Date.now() - killedAt; // after the read: an upper bound on when a change happened
    for (const r of rows) {
      const t = timeline.get(r.id);
      if (!t) continue;
      const old = before.get(r.id)!;
      t.status = r.status;
      const claimedAgain = r.attempts > old.attempts || (r.status === 'in_progress' && r.leaseOwner !== old.leaseOwner);
      if (t.releasedMs === null && (claimedAgain || r.status !== 'in_progress')) {
        t.releasedMs = ms;
        if (Object.keys(busyAtRelease).length === 0) busyAtRelease = busyByPid(rows);
      }
      if (t.reclaimedMs === null && claimedAgain) {
        t.reclaimedMs = ms;
        t.byPid = r.leaseOwner?.split(':')[1] ?? null;
      }
    }
    if (open().length > 0) await new Promise((res) => setTimeout(res, 50));
  }
  const list = [...timeline.values()];
  return {
    killedPid: pid, held: [...before.keys()], timeline: list, busyAtRelease,
    firstReleaseMs: min(list.map((t) => t.releasedMs)),
    firstReclaimMs: min(list.map((t) => t.reclaimedMs)),
    allRecoveredMs: open().length === 0 ? Math.max(0, ...list.map((t) => t.reclaimedMs ?? t.releasedMs ?? 0)) : null,
    reclaimed: list.filter((t) => t.reclaimedMs !== null).length,
  };
}

function busyByPid(rows: DbRun[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) if (r.status === 'in_progress') out[r.leaseOwner?.split(':')[1] ?? '?'] = (out[r.leaseOwner?.split(':')[1] ?? '?'] ?? 0) + 1;
  return out;
}
