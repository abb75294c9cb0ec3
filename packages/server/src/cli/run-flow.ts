// The create → (wait) → print flow shared by the run-creating commands (parse, extract, classify, split,
// partition, edit): sync create, or
// background create that prints the id, or background create polled to a terminal status with a
// progress display. Ctrl-C while waiting cancels the run server-side.
import { setTimeout as sleep } from 'node:timers/promises';
import { isTerminalStatus } from '@docket/sdk';
import { CliError } from './cli-errors.ts';
import type { AnyResource } from './client-options.ts';
import { progressDisplay } from './progress-display.ts';

export interface RunFlags {
  model?: string;
  background?: boolean;
  wait?: boolean;
  json?: boolean;
  pollInterval: string;
}

interface RunLike {
  id: string;
  status: string;
  output?: unknown;
  error?: { code: string; message: string } | null;
  progress?: { stage: string; completed: number; total: number | null; unit: string } | null;
}

/** How a completed run is printed when --json is not given. */
export type OutputPrinter = (run: RunLike) => string;

export const printOutputJson: OutputPrinter = (run) => JSON.stringify(run.output ?? null, null, 2);

export interface FlowHooks {
  /** Checked before anything is sent (e.g. edit --out needs the result, so not --background alone). */
  needsResult?: string;
  /** Runs on a completed run before it is printed (e.g. edit --out writes the filled file). */
  onCompleted?: (run: RunLike) => Promise<void>;
}

export async function runFlow(resource: AnyResource, params: Record<string, unknown>, flags: RunFlags, printer: OutputPrinter, hooks: FlowHooks = {}): Promise<void> {
  const pollMs = Number(flags.pollInterval);
  if (!Number.isFinite(pollMs) || pollMs < 10) throw new CliError(`--poll-interval must be a number of milliseconds ≥ 10, got '${flags.pollInterval}'`);
  if (flags.wait && !flags.background) throw new CliError('--wait goes with --background (without --background the command already waits)');
  if (hooks.needsResult && flags.background && !flags.wait) throw new CliError(`${hooks.needsResult} needs the finished run: add --wait to --background`);
  if (flags.model) params.model = flags.model;

  if (flags.background) {
    const created = (await resource.create({ ...params, background: true })) as RunLike;
    if (!flags.wait) {
      process.stdout.write(flags.json ? JSON.stringify(created, null, 2) + '\n' : `${created.id} ${created.status}\n`);
      return;
    }
    return finish(await waitTerminal(resource, created, pollMs), flags, printer, hooks);
  }

  const ctl = new AbortController();
  const onSigint = () => ctl.abort();
  process.once('SIGINT', onSigint);
  let run: RunLike;
  try {
    run = (await resource.create(params, { signal: ctl.signal })) as RunLike;
  } catch (err) {
    if (ctl.signal.aborted) throw new CliError('interrupted: request aborted (the server cancels a sync run when its client disconnects)', 130);
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
  }
  // A sync wait past the server's bound answers with the run still in progress: keep polling it.
  if (!isTerminalStatus(run.status)) run = await waitTerminal(resource, run, pollMs);
  await finish(run, flags, printer, hooks);
}

/** Polls until terminal, showing progress on stderr; Ctrl-C cancels the run server-side. */
export async function waitTerminal(resource: AnyResource, created: RunLike, pollMs: number): Promise<RunLike> {
  const display = progressDisplay();
  const ctl = new AbortController();
  const onSigint = () => ctl.abort();
  process.once('SIGINT', onSigint);
  let current = created;
  try {
    display.update(current);
    while (!isTerminalStatus(current.status)) {
      await sleep(pollMs, undefined, { signal: ctl.signal });
      current = (await resource.get(current.id, {}, { signal: ctl.signal })) as RunLike;
      display.update(current);
    }
    return current;
  } catch (err) {
    if (!ctl.signal.aborted) throw err;
    display.stop();
    process.stderr.write(`\ninterrupted: cancelling ${current.id} on the server…\n`);
    const after = (await resource.cancel(current.id)) as RunLike;
    // The run may have ended before the cancel reached it: then say so and hand back its result.
    if (after.status === 'completed' || after.status === 'failed') {
      process.stderr.write(`run ${after.id} had already ended (${after.status}) before the cancel arrived\n`);
      return after;
    }
    throw new CliError(`run ${after.id} cancelled server-side (status: ${after.status})`, 130);
  } finally {
    display.stop();
    process.off('SIGINT', onSigint);
  }
}

async function finish(run: RunLike, flags: RunFlags, printer: OutputPrinter, hooks: FlowHooks): Promise<void> {
  if (run.status === 'completed') await hooks.onCompleted?.(run);
  if (flags.json) process.stdout.write(JSON.stringify(run, null, 2) + '\n');
  if (run.status === 'completed') {
    if (!flags.json) process.stdout.write(printer(run) + '\n');
    return;
  }
  if (run.status === 'failed') {
    const e = run.error;
    throw new CliError(`run ${run.id} failed: ${e?.code ?? 'unknown_error'}: ${e?.message ?? 'no error message'}`, 1);
  }
  if (run.status === 'cancelled') throw new CliError(`run ${run.id} was cancelled`, 130);
  throw new CliError(`run ${run.id} is still ${run.status}`, 1);
}
