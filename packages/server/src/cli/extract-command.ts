// `docket extract FILE --schema S.json`: extracts a JSON object matching a schema from a document.
import { Command } from 'commander';
import { CliError } from './cli-errors.ts';
import { connect, withConnectionOptions, type ConnectionOptions } from './client-options.ts';
import { documentPath, readJsonFile } from './document-file.ts';
import { addRunFlags } from './run-flags.ts';
import { printOutputJson, runFlow, type RunFlags } from './run-flow.ts';

export function extractCommand(): Command {
  const cmd = new Command('extract')
    .description('extract data matching a JSON Schema from a document (prints the output JSON)')
    .argument('<file>', 'document to extract from')
    .requiredOption('--schema <schema.json>', 'JSON Schema file of the object to extract')
    .option('--consensus <n>', 'number of extractions reconciled into one (1–16)');
  addRunFlags(withConnectionOptions(cmd)).action(async (file: string, o: RunFlags & ConnectionOptions & { schema: string; consensus?: string }) => {
    const schema = await readJsonFile(o.schema, 'schema file');
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
      throw new CliError(`schema file ${o.schema} must hold a JSON object (a JSON Schema)`);
    }
    const params: Record<string, unknown> = { document: await documentPath(file), json_schema: schema };
    if (o.consensus !== undefined) {
      const n = Number(o.consensus);
      if (!Number.isInteger(n) || n < 1 || n > 16) throw new CliError(`--consensus must be an integer from 1 to 16, got '${o.consensus}'`);
      params.n_consensus = n;
    }
    const { client } = connect(o);
    await runFlow(client.extractions, params, o, printOutputJson);
  });
  return cmd;
}
