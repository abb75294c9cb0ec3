// `docket parse FILE`: parses a document to text through a running server.
import { Command, Option } from 'commander';
import { connect, withConnectionOptions, type ConnectionOptions } from './client-options.ts';
import { documentPath } from './document-file.ts';
import { runFlow, type RunFlags } from './run-flow.ts';
import { addRunFlags } from './run-flags.ts';

export function parseCommand(): Command {
  const cmd = new Command('parse')
    .description('parse a document into text (prints the text; --json prints the whole parse)')
    .argument('<file>', 'document to parse (PDF, image, text, HTML, …)')
    .addOption(new Option('--format <format>', 'table format in the text').choices(['markdown', 'html', 'json', 'yaml']));
  addRunFlags(withConnectionOptions(cmd)).action(async (file: string, o: RunFlags & ConnectionOptions & { format?: string }) => {
    const { client } = connect(o);
    const params: Record<string, unknown> = { document: await documentPath(file) };
    if (o.format) params.table_parsing_format = o.format;
    await runFlow(client.parses, params, o, (run) => {
      const out = run.output as { text?: string } | undefined;
      return out?.text ?? '';
    });
  });
  return cmd;
}
