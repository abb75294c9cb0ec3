// `docket runs get|cancel ID`: any run by id; the resource type comes from the id prefix.
import { Command } from 'commander';
import { connect, resourceForId, withConnectionOptions, type ConnectionOptions } from './client-options.ts';

export function runsCommand(): Command {
  const runs = new Command('runs').description('inspect or cancel a run by id (prs_, extr_, clss_, splt_, prtn_, edt_)');
  withConnectionOptions(
    runs
      .command('get')
      .description('print a run as JSON')
      .argument('<id>', 'run id')
      .option('--no-output', 'omit the output (cheap status check)'),
  ).action(async (id: string, o: ConnectionOptions & { output: boolean }) => {
    const { client } = connect(o);
    const run = await resourceForId(client, id).get(id, { includeOutput: o.output });
    process.stdout.write(JSON.stringify(run, null, 2) + '\n');
  });
  withConnectionOptions(
    runs.command('cancel').description('cancel a run (idempotent) and print it as JSON').argument('<id>', 'run id'),
  ).action(async (id: string, o: ConnectionOptions) => {
    const { client } = connect(o);
    const run = (await resourceForId(client, id).cancel(id)) as { id: string; status: string };
    process.stderr.write(`${run.id}: ${run.status}\n`);
    process.stdout.write(JSON.stringify(run, null, 2) + '\n');
  });
  return runs;
}
