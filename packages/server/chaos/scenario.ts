// Chaos scenario, the same for both modes: create runs of the mixed workload through the API (spread
// over the API processes), cancel some at random moments, kill -9 the victim process mid-run and
// restart it, watch every run through the API until all are terminal, then check API and database.
import type { ChaosDb, DbRun } from './chaos-db.ts';
import { type CancelAck, type CheckResult, checkRuns } from './checks.ts';
import { Observer, seenFromWire } from './observer.ts';
import { kill9, type DocketProc } from './procs.ts';
import { heldBy, probeRecovery, type RecoveryReport } from './recovery-probe.ts';
import { apiClient, planWorkload, type PlannedRun } from './workload.ts';

export interface Topology {
  mode: 'postgres' | 'sqlite';
  description: string;
  key: string;
  apiPorts(): number[];
  db: ChaosDb;
  /** The process to kill. */
  victim(): DocketProc;
  /** Starts a replacement with the victim's settings (and makes it the victim). */
  restartVictim(): Promise<void>;
}

export interface ScenarioOptions {
  runs: number;
  slow: number;
  cancels: number;
  createConcurrency?: number;
  timeoutMs: number;
  log: (s: string) => void;
}

export interface ScenarioResult extends CheckResult {
  mode: string;
  runs: number;
  seconds: number;
  cancelsSent: number;
  cancelAnswers: Record<string, number>;
  recovery: RecoveryReport | null;
  restartMs: number | null;
  networkRetries: number;
  sweeps: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function pickCancels(plan: PlannedRun[], n: number): Set<number> {
  const picked = new Set<number>();
  const firstSlow = plan.find((p) => p.slow);
  if (firstSlow && n > 0) picked.add(firstSlow.index); // one cancel lands on a long in_progress run
  while (picked.size < Math.min(n, plan.length)) picked.add(Math.floor(Math.random() * plan.length));
  return picked;
}

export async function runScenario(topo: Topology, o: ScenarioOptions): Promise<ScenarioResult> {
  const t0 = Date.now();
  const deadline = t0 + o.timeoutMs;
  const api = apiClient(() => topo.apiPorts(), topo.key, () => deadline);
  const observer = new Observer(api);
  const plan = planWorkload(o.runs, o.slow);
  const cancelAt = pickCancels(plan, o.cancels);
  const tag = `${Date.now().toString(36)}`;
  const ids: string[] = new Array(plan.length);
  const cancels: CancelAck[] = [];
  const cancelTasks: Promise<void>[] = [];
  let created = 0;

  const cancelLater = async (p: PlannedRun, id: string) => {
    if (p.slow) {
      // wait until it is running, so the cancel reaches an engine mid-run
      while (Date.now() < deadline && observer.latest.get(id)?.status !== 'in_progress' && !['completed', 'failed', 'cancelled'].includes(observer.latest.get(id)?.status ?? '')) await sleep(100);
    } else await sleep(Math.random() * 3000);
    const sentAt = Date.now();
    const r = await api.retrying('POST', `/v1/${p.resource}/${id}/cancel`);
    if (r.status !== 200) throw new Error(`cancel ${id} answered ${r.status}: ${JSON.stringify(r.body)}`);
    cancels.push({ id, status: r.body.status, requested: r.body.cancel_requested_at != null });
    observer.record(seenFromWire(r.body, p.resource, sentAt, Date.now()));
  };

  const createAll = async () => {
    let next = 0;
    const lane = async () => {
      while (next < plan.length) {
        const p = plan[next++];
        const sentAt = Date.now();
        const r = await api.retrying('POST', `/v1/${p.resource}`, p.body, { 'idempotency-key': `chaos-${tag}-${p.index}` });
        if (r.status !== 201 && r.status !== 200) throw new Error(`create #${p.index} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
        ids[p.index] = r.body.id;
        created++;
        observer.record(seenFromWire(r.body, p.resource, sentAt, Date.now()));
        if (cancelAt.has(p.index)) {
          const task = cancelLater(p, r.body.id);
          task.catch(() => undefined);
          cancelTasks.push(task);
        }
      }
    };
    await Promise.all(Array.from({ length: o.createConcurrency ?? 6 }, lane));
  };

  let recovery: RecoveryReport | null = null;
  let restartMs: number | null = null;
  const heldAtKill = new Set<string>();
  const chaos = async () => {
    while (created < plan.length / 4 && Date.now() < deadline) await sleep(50);
    // Kill mid-run: wait until the victim holds a run, a slow one if one comes within 30 s. A run can
    // end between that look and the kill; if the victim turns out to have died holding nothing, it is
    // restarted and the kill is tried again (up to 5 times), so the kill always lands mid-run.
    let pid = 0;
    let killedAt = 0;
    let held: DbRun[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      pid = topo.victim().pid;
      const waitUntil = Date.now() + 30_000;
      for (;;) {
        held = await heldBy(topo.db, pid);
        const slowIds = new Set(plan.filter((p) => p.slow).map((p) => ids[p.index]));
        if (held.some((r) => slowIds.has(r.id)) || (held.length > 0 && Date.now() > waitUntil)) break;
        if (Date.now() > deadline) throw new Error('the victim never held a run');
        if (created === plan.length && (await topo.db.runs()).every((r) => ['completed', 'failed', 'cancelled'].includes(r.status))) {
          throw new Error('every run ended before the victim held one: the kill could not land mid-run');
        }
        await sleep(20);
      }
      await kill9(topo.victim());
      killedAt = Date.now();
      held = await heldBy(topo.db, pid); // what it held when it died (nothing changes them before their leases lapse)
      if (held.length > 0 || attempt === 5) break;
      o.log(`  kill -9 pid ${pid} landed between runs (attempt ${attempt}); restarting it and trying again`);
      await topo.restartVictim();
    }
    for (const r of held) heldAtKill.add(r.id);
    o.log(`  kill -9 ${topo.mode === 'sqlite' ? 'server' : 'worker'} pid ${pid} holding ${held.length} run(s) after ${created} creates`);
    const probe = probeRecovery(topo.db, pid, killedAt, held, 120_000);
    const restart = topo.restartVictim().then(() => (restartMs = Date.now() - killedAt));
    [recovery] = await Promise.all([probe, restart]);
    o.log(`  restarted in ${restartMs} ms; released ${recovery!.firstReleaseMs} ms and first re-claimed ${recovery!.firstReclaimMs} ms after the kill`);
  };

  let stop = false;
  // Attached at once (a failure is reported where it is awaited, not as an unhandled rejection).
  const watching = observer.watch(() => ids.filter(Boolean), 1000, () => stop, deadline);
  const chaosDone = chaos();
  for (const p of [watching, chaosDone]) p.catch(() => undefined);
  await createAll();
  o.log(`  ${created} runs created (${api.networkRetries} retried requests so far)`);
  await chaosDone;
  await Promise.all(cancelTasks);
  stop = true;
  await watching;
  o.log(`  all runs terminal after ${((Date.now() - t0) / 1000).toFixed(1)} s; quiet period, then the final look`);
  await sleep(4000); // longer than a lease plus a recovery pass: a late second ending would show now
  const finalSweep = await observer.sweep();
  const dbRuns = await topo.db.runs();
  const checks = checkRuns({ expected: plan.length, createdIds: ids, finalSweep, observer, cancels, dbRuns, heldAtKill });
  const cancelAnswers: Record<string, number> = {};
  for (const c of cancels) cancelAnswers[c.requested ? 'requested (was in_progress)' : c.status] = (cancelAnswers[c.requested ? 'requested (was in_progress)' : c.status] ?? 0) + 1;
  return {
    ...checks, mode: topo.mode, runs: plan.length, seconds: (Date.now() - t0) / 1000, cancelsSent: cancels.length, cancelAnswers,
    recovery, restartMs, networkRetries: api.networkRetries, sweeps: observer.sweeps,
  };
}
