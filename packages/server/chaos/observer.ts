// Chaos helper: watches every run through the list API while the chaos happens. Each sweep pages
// through all six resources; the first terminal state seen for a run is remembered, and any later
// sweep that shows it different (another status, another completed_at) is a violation: a terminal
// run must never change again.
import { RESOURCES, type ApiClient } from './workload.ts';

export const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

export interface SeenRun {
  id: string;
  resource: string;
  status: string;
  attempts: number;
  completedAt: string | null;
  startedAt: string | null;
  cancelRequestedAt: string | null;
  errorCode: string | null;
  /** When the request that saw this state was sent, and when its answer arrived (ms). */
  sentAt: number;
  receivedAt: number;
}

export class Observer {
  readonly latest = new Map<string, SeenRun>();
  readonly firstTerminal = new Map<string, SeenRun>();
  /** Every status each run was seen in. */
  readonly statuses = new Map<string, Set<string>>();
  readonly violations: string[] = [];
  sweeps = 0;

  constructor(private readonly api: ApiClient) {}

  /** One pass over every resource's list; returns the runs seen in it. */
  async sweep(): Promise<Map<string, SeenRun>> {
    const seen = new Map<string, SeenRun>();
    for (const resource of RESOURCES) {
      let after: string | null = null;
      do {
        const q: string = `/v1/${resource}?limit=100&order=asc${after ? `&after=${after}` : ''}`;
        const sentAt = Date.now();
        const r = await this.api.retrying('GET', q);
        const receivedAt = Date.now();
        if (r.status !== 200) throw new Error(`GET ${q} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`);
        for (const w of r.body.data as any[]) {
          if (seen.has(w.id)) this.violations.push(`${w.id} listed twice in one sweep`);
          seen.set(w.id, seenFromWire(w, resource, sentAt, receivedAt));
        }
        after = r.body.list_metadata.after;
      } while (after);
    }
    this.sweeps++;
    for (const run of seen.values()) this.record(run);
    return seen;
  }

  /** Notes one observation of a run (sweeps, create and cancel answers). */
  record(run: SeenRun): void {
    this.latest.set(run.id, run);
    if (!this.statuses.has(run.id)) this.statuses.set(run.id, new Set());
    this.statuses.get(run.id)!.add(run.status);
    const first = this.firstTerminal.get(run.id);
    // Only an answer to a request sent after the terminal state was seen can contradict it (a list
    // page fetched before a cancel answered may still show the run queued).
    const later = first !== undefined && run.sentAt > first.receivedAt;
    if (!TERMINAL.has(run.status)) {
      if (later) this.violations.push(`${run.id} was ${first.status}, later seen ${run.status}`);
      return;
    }
    if (!first) {
      this.firstTerminal.set(run.id, run);
      if (!run.completedAt) this.violations.push(`${run.id} is ${run.status} without completed_at`);
    } else if (later && (first.status !== run.status || first.completedAt !== run.completedAt)) {
      this.violations.push(`${run.id} ended twice: ${first.status} at ${first.completedAt}, later ${run.status} at ${run.completedAt}`);
    }
  }

  /** Sweeps every `everyMs` until `done()` says stop and a sweep shows all `ids` terminal. */
  async watch(ids: () => string[], everyMs: number, done: () => boolean, deadline: number): Promise<void> {
    for (;;) {
      const seen = await this.sweep();
      const want = ids();
      const open = want.filter((id) => !TERMINAL.has(seen.get(id)?.status ?? ''));
      if (done() && open.length === 0) return;
      if (Date.now() > deadline) throw new Error(`${open.length} runs still not terminal at the deadline, e.g. ${open.slice(0, 5).map((id) => `${id} ${seen.get(id)?.status}`).join(', ')}`);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}

export function seenFromWire(w: any, resource: string, sentAt: number, receivedAt: number): SeenRun {
  return {
    sentAt, receivedAt,
    id: w.id, resource, status: w.status, attempts: w.attempts, completedAt: w.completed_at ?? null, startedAt: w.started_at ?? null,
    cancelRequestedAt: w.cancel_requested_at ?? null, errorCode: w.error?.code ?? null,
  };
}
