// `docket templates create|list|get|update|delete`: edit templates (reusable PDF forms for `docket edit
// --template ID`), through the server's /v1/edits/templates.
import { Command } from 'commander';
import type { EditTemplate, TemplateFormField } from '@docket/sdk';
import { CliError } from './cli-errors.ts';
import { connect, withConnectionOptions, type ConnectionOptions } from './client-options.ts';
import { documentPath, readJsonFile } from './document-file.ts';
import { positiveInt } from './run-flags.ts';

const printJson = (v: unknown): void => void process.stdout.write(JSON.stringify(v, null, 2) + '\n');
const line = (t: EditTemplate) => `${t.id}\t${t.field_count} fields\t${t.name}\n`;

async function fieldsFile(file: string | undefined): Promise<TemplateFormField[] | undefined> {
  if (file === undefined) return undefined;
  const v = await readJsonFile(file, 'fields file');
  if (!Array.isArray(v) || v.some((f) => typeof f !== 'object' || f === null || typeof f.key !== 'string')) {
    throw new CliError(`fields file ${file} must hold an array of form fields ({"key", "description", "type", …})`);
  }
  return v as TemplateFormField[];
}

export function templatesCommand(): Command {
  const t = new Command('templates').description('manage edit templates (PDF forms reused by `docket edit --template ID`)');
  withConnectionOptions(
    t.command('create')
      .description('store a PDF form as a template and print it (id, name, fields)')
      .argument('<name>', 'template name')
      .argument('<file>', 'PDF form')
      .option('--fields <fields.json>', 'form fields (default: the fields of the PDF AcroForm)')
      .option('--json', 'print the whole template as JSON'),
  ).action(async (name: string, file: string, o: ConnectionOptions & { fields?: string; json?: boolean }) => {
    const form_fields = await fieldsFile(o.fields);
    const document = await documentPath(file);
    const tpl = await connect(o).client.edits.templates.create({ name, document, form_fields });
    if (o.json) printJson(tpl);
    else process.stdout.write(line(tpl));
  });
  withConnectionOptions(
    t.command('list')
      .description('list templates, newest first (every page)')
      .option('--name <text>', 'only templates whose name contains this')
      .option('--limit <n>', 'at most this many templates')
      .option('--json', 'print a JSON array'),
  ).action(async (o: ConnectionOptions & { name?: string; limit?: string; json?: boolean }) => {
    const max = positiveInt(o.limit, '--limit') ?? Infinity;
    const all: EditTemplate[] = [];
    const query = { name: o.name, limit: Math.min(100, max) };
    for await (const tpl of connect(o).client.edits.templates.list(query)) {
      if (all.length >= max) break;
      all.push(tpl);
    }
    if (o.json) printJson(all);
    else for (const tpl of all) process.stdout.write(line(tpl));
  });
  withConnectionOptions(t.command('get').description('print a template as JSON').argument('<id>', 'template id (edittplt_…)')).action(
    async (id: string, o: ConnectionOptions) => {
      printJson(await connect(o).client.edits.templates.get(id));
    },
  );
  withConnectionOptions(
    t.command('update')
      .description('rename a template or replace its fields; prints it as JSON')
      .argument('<id>', 'template id')
      .option('--name <name>', 'new name')
      .option('--fields <fields.json>', 'new form fields'),
  ).action(async (id: string, o: ConnectionOptions & { name?: string; fields?: string }) => {
    if (o.name === undefined && o.fields === undefined) throw new CliError('nothing to update: pass --name and/or --fields');
    const form_fields = await fieldsFile(o.fields);
    printJson(await connect(o).client.edits.templates.update(id, { name: o.name, form_fields }));
  });
  withConnectionOptions(t.command('delete').description('delete a template').argument('<id>', 'template id')).action(
    async (id: string, o: ConnectionOptions) => {
      await connect(o).client.edits.templates.delete(id);
      process.stderr.write(`deleted ${id}\n`);
    },
  );
  return t;
}
