// `docket classify FILE --categories 'invoice,receipt,other'`: picks one category for a document
// (prints the output JSON {reasoning, category}).
import { Command } from 'commander';
import { connect, withConnectionOptions, type ConnectionOptions } from './client-options.ts';
import { documentPath } from './document-file.ts';
import { namedItems } from './named-items.ts';
import { addConsensusFlag, addRunFlags, applyConsensus, positiveInt } from './run-flags.ts';
import { printOutputJson, runFlow, type RunFlags } from './run-flow.ts';

interface ClassifyOptions extends RunFlags, ConnectionOptions {
  categories?: string;
  categoriesFile?: string;
  firstNPages?: string;
  instructions?: string;
  consensus?: string;
}

export function classifyCommand(): Command {
  const cmd = new Command('classify')
    .description('classify a document into one of the given categories (prints {reasoning, category})')
    .argument('<file>', 'document to classify')
    .option('--categories <names>', "comma-separated category names, e.g. 'invoice,receipt,other'")
    .option('--categories-file <file.json>', 'JSON: ["invoice", …], [{"name", "description"}, …] or {"invoice": "description", …}')
    .option('--first-n-pages <n>', 'look only at the first N pages')
    .option('--instructions <text>', 'extra instructions for the model');
  addRunFlags(addConsensusFlag(withConnectionOptions(cmd))).action(async (file: string, o: ClassifyOptions) => {
    const params: Record<string, unknown> = {
      document: await documentPath(file),
      categories: await namedItems(o.categories, o.categoriesFile, 'categories'),
    };
    const firstN = positiveInt(o.firstNPages, '--first-n-pages');
    if (firstN !== undefined) params.first_n_pages = firstN;
    if (o.instructions) params.instructions = o.instructions;
    applyConsensus(params, o.consensus);
    const { client } = connect(o);
    await runFlow(client.classifications, params, o, printOutputJson);
  });
  return cmd;
}
