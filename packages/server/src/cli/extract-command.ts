// `docket extract FILE --schema S.json`: extracts a JSON object matching a schema from a document.
import { Command } from 'commander';
import { CliError } from './cli-errors.ts';
import { connect, withConnectionOptions, type ConnectionOptions } from './client-options.ts';
import { documentPath, readJsonFile } from './document-file.ts';
import { addConsensusFlag, addRunFlags, applyConsensus } from './run-flags.ts';
import { printOutputJson, runFlow, type RunFlags } from './run-flow.ts';

export function extractCommand(): Command {
  const cmd = new Command('extract')
    .description('extract data matching a JSON Schema from a document (prints the output JSON)')
    .argument('<file>', 'document to extract from')
    .requiredOption('--schema <schema.json>', 'JSON Schema file of the object to extract')
    .option('--instructions <text>', 'extra instructions for the model');
  addRunFlags(addConsensusFlag(withConnectionOptions(cmd))).action(async (file: string, o: RunFlags & ConnectionOptions & { schema: string; consensus?: string; instructions?: string }) => {
    const schema = await readJsonFile(o.schema, 'schema file');
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
      throw new CliError(`schema file ${o.schema} must hold a JSON object (a JSON Schema)`);
    }
    const params: Record<string, unknown> = { document: await documentPath(file), json_schema: schema };
    if (o.instructions) params.instructions = o.instructions;
    applyConsensus(params, o.consensus);
    const { client } = connect(o);
    await runFlow(client.extractions, params, o, printOutputJson);
  });
  return cmd;
}
