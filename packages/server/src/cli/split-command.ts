// `docket split FILE --subdocuments 'invoice,receipt'`: labels the pages of a multi-document file with
// subdocument kinds (prints the output JSON [{name, pages}], which covers every page once).
import { Command } from 'commander';
import { connect, withConnectionOptions, type ConnectionOptions } from './client-options.ts';
import { documentPath } from './document-file.ts';
import { namedItems } from './named-items.ts';
import { addConsensusFlag, addRunFlags, applyConsensus } from './run-flags.ts';
import { printOutputJson, runFlow, type RunFlags } from './run-flow.ts';

interface SplitOptions extends RunFlags, ConnectionOptions {
  subdocuments?: string;
  subdocumentsFile?: string;
  multiple?: boolean;
  instructions?: string;
  consensus?: string;
}

export function splitCommand(): Command {
  const cmd = new Command('split')
    .description('split a multi-document file into subdocuments (prints [{name, pages}])')
    .argument('<file>', 'document to split (e.g. a PDF packet)')
    .option('--subdocuments <names>', "comma-separated subdocument kinds, e.g. 'invoice,receipt'")
    .option('--subdocuments-file <file.json>', 'JSON: ["invoice", …], [{"name", "description", "allow_multiple_instances"}, …] or {"invoice": "description", …}')
    .option('--multiple', 'each kind may occur as several separate instances (allow_multiple_instances on every kind without its own setting)')
    .option('--instructions <text>', 'extra instructions for the model');
  addRunFlags(addConsensusFlag(withConnectionOptions(cmd), 8)).action(async (file: string, o: SplitOptions) => {
    let subdocuments = await namedItems(o.subdocuments, o.subdocumentsFile, 'subdocuments');
    if (o.multiple) subdocuments = subdocuments.map((s) => ({ allow_multiple_instances: true, ...s }));
    const params: Record<string, unknown> = { document: await documentPath(file), subdocuments };
    if (o.instructions) params.instructions = o.instructions;
    applyConsensus(params, o.consensus, 8);
    const { client } = connect(o);
    await runFlow(client.splits, params, o, printOutputJson);
  });
  return cmd;
}
