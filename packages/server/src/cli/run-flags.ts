// The flags every run-creating command shares: model, background, wait, json, poll interval; and the
// --consensus flag of the primitives that vote (extract, classify, split, partition).
import type { Command } from 'commander';
import { CliError } from './cli-errors.ts';

export function addRunFlags(cmd: Command): Command {
  return cmd
    .option('--model <model>', 'model (retab-micro, retab-small, retab-large, …; see `docket models`)')
    .option('--background', 'create the run in the background and print its id and status')
    .option('--wait', 'with --background: poll until the run ends, showing progress, then print the result')
    .option('--json', 'print the whole resource as JSON')
    .option('--poll-interval <ms>', 'wait between polls', '500');
}

export function addConsensusFlag(cmd: Command, max = 16): Command {
  return cmd.option('--consensus <n>', `number of runs reconciled into one by voting (n_consensus, 1–${max})`);
}

/** Sets params.n_consensus from --consensus, checking it is an integer in 1..max. */
export function applyConsensus(params: Record<string, unknown>, value: string | undefined, max = 16): void {
  if (value === undefined) return;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new CliError(`--consensus must be an integer from 1 to ${max}, got '${value}'`);
  params.n_consensus = n;
}

/** A positive integer option (e.g. --first-n-pages), or undefined when absent. */
export function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${flag} must be a positive integer, got '${value}'`);
  return n;
}
