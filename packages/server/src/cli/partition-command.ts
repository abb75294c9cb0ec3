// `docket partition FILE --key "invoice number" --instructions "…"`: chunks a packet of repeated records
// by the value of an identifying field (prints the output JSON [{key, pages}]).
import { Command } from 'commander';
import { connect, withConnectionOptions, type ConnectionOptions } from './client-options.ts';
import { documentPath } from './document-file.ts';
import { addConsensusFlag, addRunFlags, applyConsensus } from './run-flags.ts';
import { printOutputJson, runFlow, type RunFlags } from './run-flow.ts';

interface PartitionOptions extends RunFlags, ConnectionOptions {
  key: string;
  instructions: string;
  overlap: boolean;
  consensus?: string;
}

export function partitionCommand(): Command {
  const cmd = new Command('partition')
    .description('partition a document into chunks, one per value of a key field (prints [{key, pages}])')
    .argument('<file>', 'document to partition')
    .requiredOption('--key <name>', 'natural-language name of the identifying field, e.g. "invoice number"')
    .requiredOption('--instructions <text>', 'what a chunk is, e.g. "one chunk per invoice"')
    .option('--no-overlap', 'a page belongs to at most one chunk (allow_overlap: false)');
  addRunFlags(addConsensusFlag(withConnectionOptions(cmd), 8)).action(async (file: string, o: PartitionOptions) => {
    const params: Record<string, unknown> = {
      document: await documentPath(file),
      key: o.key,
      instructions: o.instructions,
      allow_overlap: o.overlap,
    };
    applyConsensus(params, o.consensus, 8);
    const { client } = connect(o);
    await runFlow(client.partitions, params, o, printOutputJson);
  });
  return cmd;
}
