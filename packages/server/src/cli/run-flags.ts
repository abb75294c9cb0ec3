// The flags every run-creating command shares: model, background, wait, json, poll interval.
import type { Command } from 'commander';

export function addRunFlags(cmd: Command): Command {
  return cmd
    .option('--model <model>', 'model (retab-micro, retab-small, retab-large, …)')
    .option('--background', 'create the run in the background and print its id and status')
    .option('--wait', 'with --background: poll until the run ends, showing progress, then print the result')
    .option('--json', 'print the whole resource as JSON')
    .option('--poll-interval <ms>', 'wait between polls', '500');
}
