// Chaos settings per mode (full and --short), the check whether PostgreSQL mode can run here, and
// the printed summary of one mode's result.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { postgresUnavailable } from './chaos-db.ts';
import type { ModeResult } from './modes.ts';
import { REPO_ROOT } from './procs.ts';
import type { ScenarioOptions } from './scenario.ts';

export const RECOVERY_BOUND_MS = 5000;

export function chaosOptions(mode: 'postgres' | 'sqlite', short: boolean, log: (s: string) => void): ScenarioOptions {
  if (short) return { runs: mode === 'postgres' ? 100 : 120, slow: 2, cancels: 10, timeoutMs: 10 * 60_000, log };
  return mode === 'postgres' ? { runs: 300, slow: 6, cancels: 30, timeoutMs: 20 * 60_000, log } : { runs: 1000, slow: 4, cancels: 30, timeoutMs: 20 * 60_000, log };
}

/** Why PostgreSQL mode cannot run here (no driver in the repo, no server), or null. */
export async function postgresModeUnavailable(): Promise<string | null> {
  if (!existsSync(path.join(REPO_ROOT, 'packages/server/src/store/postgres/postgres-store.ts'))) return 'the PostgreSQL driver is not in the repository';
  return postgresUnavailable();
}

export function summarise(r: ModeResult): string {
  const rec = r.recovery;
  return [
    `${r.mode}: ${r.runs} runs in ${r.seconds.toFixed(1)} s — ${Object.entries(r.counts).map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `  failed by code: ${JSON.stringify(r.failuresByCode)}; attempts: ${JSON.stringify(r.attempts)}`,
    `  cancels sent ${r.cancelsSent}: ${JSON.stringify(r.cancelAnswers)}`,
    rec
      ? `  kill -9 pid ${rec.killedPid} holding ${rec.held.length} run(s): restarted after ${r.restartMs} ms; released by lease recovery ${rec.firstReleaseMs ?? 'never'} ms after the kill; ` +
        `lease recovery time (kill → first re-claim) ${rec.firstReclaimMs ?? 'none'} ms; all held runs recovered after ${rec.allRecoveredMs ?? 'never'} ms (${rec.reclaimed} re-claimed)\n` +
        `    in_progress per worker pid when the first was released: ${JSON.stringify(rec.busyAtRelease)}\n` +
        rec.timeline.map((t) => `    ${t.id}: released ${t.releasedMs ?? '-'} ms, re-claimed ${t.reclaimedMs ?? '-'} ms${t.byPid ? ` by pid ${t.byPid}` : ''}, ${t.status}`).join('\n')
      : '  no kill happened',
    `  ${r.sweeps} list sweeps, ${r.networkRetries} retried requests; shutdown exit codes ${JSON.stringify(r.shutdownCodes)}`,
    ...r.notes.slice(0, 10).map((n) => `  note: ${n}`),
    r.violations.length ? `  ${r.violations.length} VIOLATIONS:\n${r.violations.slice(0, 40).map((v) => `    - ${v}`).join('\n')}` : '  checks: all passed',
  ].join('\n');
}
