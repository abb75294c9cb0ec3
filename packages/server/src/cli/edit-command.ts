// `docket edit FILE --instructions "…" [--out filled.pdf]` / `docket edit --template ID --instructions "…"`:
// fills a form (PDF, DOCX) from natural-language instructions; prints the filled fields as JSON and with
// --out writes the filled document.
import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { CliError } from './cli-errors.ts';
import { connect, withConnectionOptions, type ConnectionOptions } from './client-options.ts';
import { documentPath } from './document-file.ts';
import { addRunFlags } from './run-flags.ts';
import { runFlow, type OutputPrinter, type RunFlags } from './run-flow.ts';

interface EditOptions extends RunFlags, ConnectionOptions {
  instructions: string;
  template?: string;
  color?: string;
  out?: string;
}

interface EditOutput {
  form_data?: Array<{ key: string; type: string; value: string | null }>;
  filled_document?: { filename: string; url: string } | null;
}

/** The filled fields, one `{key, type, value}` per field. */
const printFields: OutputPrinter = (run) => {
  const out = (run.output ?? {}) as EditOutput;
  return JSON.stringify((out.form_data ?? []).map((f) => ({ key: f.key, type: f.type, value: f.value })), null, 2);
};

export function editCommand(): Command {
  const cmd = new Command('edit')
    .description('fill a form from instructions (prints the filled fields; --out writes the filled document)')
    .argument('[file]', 'form to fill (PDF or DOCX); omit with --template')
    .requiredOption('--instructions <text>', 'the values to fill, e.g. "Name: Jane Roe; City: Paris"')
    .option('--template <id>', 'fill a stored edit template (see `docket templates`) instead of FILE')
    .option('--color <hex>', 'colour of the filled text, e.g. #000080')
    .option('--out <file>', 'write the filled document here');
  addRunFlags(withConnectionOptions(cmd)).action(async (file: string | undefined, o: EditOptions) => {
    if ((file === undefined) === (o.template === undefined)) throw new CliError('pass exactly one of FILE or --template ID');
    if (o.color !== undefined && !/^#[0-9a-fA-F]{6}$/.test(o.color)) throw new CliError(`--color must be a hex colour like #000080, got '${o.color}'`);
    const params: Record<string, unknown> = { instructions: o.instructions };
    if (file !== undefined) params.document = await documentPath(file);
    if (o.template !== undefined) params.template_id = o.template;
    if (o.color !== undefined) params.config = { color: o.color };
    const out = o.out;
    const { client } = connect(o);
    await runFlow(client.edits, params, o, printFields, {
      needsResult: out ? '--out' : undefined,
      onCompleted: out ? (run) => writeFilled(run.output as EditOutput, out) : undefined,
    });
  });
  return cmd;
}

async function writeFilled(output: EditOutput, file: string): Promise<void> {
  const url = output.filled_document?.url;
  const comma = url?.indexOf(',') ?? -1;
  if (!url || !url.startsWith('data:') || comma < 0) throw new CliError('the completed edit has no filled document to write');
  const meta = url.slice(5, comma);
  const body = url.slice(comma + 1);
  const bytes = meta.endsWith(';base64') ? Buffer.from(body, 'base64') : Buffer.from(decodeURIComponent(body), 'utf8');
  try {
    await writeFile(file, bytes);
  } catch (err) {
    throw new CliError(`cannot write ${file}: ${(err as { code?: string }).code ?? (err as Error).message}`);
  }
  process.stderr.write(`wrote ${file} (${bytes.byteLength} bytes)\n`);
}
