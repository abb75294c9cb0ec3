// The `docket` command line: serve, keys, and client commands (parse, extract, classify, split, partition,
// edit, templates, models, runs).
import { Command } from 'commander';
import { describeError, exitCodeOf } from './cli-errors.ts';
import { classifyCommand } from './classify-command.ts';
import { editCommand } from './edit-command.ts';
import { extractCommand } from './extract-command.ts';
import { keysCommand } from './keys-command.ts';
import { migrateCommand } from './migrate-command.ts';
import { modelsCommand } from './models-command.ts';
import { parseCommand } from './parse-command.ts';
import { partitionCommand } from './partition-command.ts';
import { runsCommand } from './runs-command.ts';
import { splitCommand } from './split-command.ts';
import { templatesCommand } from './templates-command.ts';

const program = new Command('docket').description('Docket: a self-hostable document-AI API server (Retab v1 compatible)');
// Loaded on use, so client commands do not load the server (Fastify, engines, pdfjs).
program
  .command('serve')
  .description('run the API server with an in-process worker pool')
  .option('--role <role>', 'api (HTTP only), worker (runs work only) or all', 'all')
  .action(async (o: { role: string }) => (await import('./serve-command.ts')).serveCommand(o));
program
  .command('worker')
  .description('run only a worker pool (same as serve --role worker); shares the store named by DATABASE_URL')
  .action(async () => (await import('./serve-command.ts')).serveCommand({ role: 'worker' }));
program.addCommand(keysCommand());
program.addCommand(migrateCommand());
program.addCommand(parseCommand());
program.addCommand(extractCommand());
program.addCommand(classifyCommand());
program.addCommand(splitCommand());
program.addCommand(partitionCommand());
program.addCommand(editCommand());
program.addCommand(templatesCommand());
program.addCommand(modelsCommand());
program.addCommand(runsCommand());

program.parseAsync(process.argv).catch((err: unknown) => {
  const baseURL = baseUrlFromArgv() ?? (process.env.DOCKET_BASE_URL?.trim() || undefined) ?? 'http://127.0.0.1:8080';
  process.stderr.write(`docket: ${describeError(err, baseURL)}\n`);
  process.exit(exitCodeOf(err));
});

function baseUrlFromArgv(): string | undefined {
  const i = process.argv.indexOf('--base-url');
  if (i >= 0) return process.argv[i + 1];
  return process.argv.find((a) => a.startsWith('--base-url='))?.slice('--base-url='.length);
}
