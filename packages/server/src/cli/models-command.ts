// `docket models`: the models the server accepts (GET /v1/models), one per line, or JSON.
import { Command } from 'commander';
import { connect, withConnectionOptions, type ConnectionOptions } from './client-options.ts';

export function modelsCommand(): Command {
  const cmd = new Command('models')
    .description('list the models the server accepts (id, provider, vision, default)')
    .option('--json', 'print the /v1/models answer as JSON');
  withConnectionOptions(cmd).action(async (o: ConnectionOptions & { json?: boolean }) => {
    const list = await connect(o).client.models.list();
    if (o.json) {
      process.stdout.write(JSON.stringify(list, null, 2) + '\n');
      return;
    }
    for (const m of list.data) {
      const tags = [m.provider, m.vision ? 'vision' : '', m.default ? 'default' : ''].filter(Boolean).join(' ');
      process.stdout.write(`${m.id}\t${tags}\n`);
    }
  });
  return cmd;
}
