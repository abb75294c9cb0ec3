// The `docket` command line: serve, keys, and client commands (parse, extract, runs).
import { Command } from 'commander';
import { keysCommand } from './keys-command.ts';
import { serveCommand } from './serve-command.ts';

const program = new Command('docket').description('Docket: a self-hostable document-AI API server (Retab v1 compatible)');
program.command('serve').description('run the API server with an in-process worker pool').action(serveCommand);
program.addCommand(keysCommand());

program.parseAsync(process.argv).catch((err: Error) => {
  process.stderr.write(`docket: ${err.message}\n`);
  process.exit(1);
});
