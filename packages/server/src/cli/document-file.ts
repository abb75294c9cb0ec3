// Local files named on the command line: the document (checked readable; the SDK reads and
// encodes it) and JSON files such as the extraction schema.
import { access, constants, readFile, stat } from 'node:fs/promises';
import { CliError } from './cli-errors.ts';

/** Checks that FILE is a readable regular file and returns its path for the SDK to encode. */
export async function documentPath(file: string): Promise<string> {
  try {
    await access(file, constants.R_OK);
    if (!(await stat(file)).isFile()) throw new CliError(`${file} is not a file`);
  } catch (err) {
    if (err instanceof CliError) throw err;
    const code = (err as { code?: string }).code;
    throw new CliError(code === 'ENOENT' ? `document file ${file} not found` : `cannot read document file ${file}: ${code ?? (err as Error).message}`);
  }
  return file;
}

/** Reads and parses a JSON file; `what` names it in errors ("schema file"). */
export async function readJsonFile(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new CliError(code === 'ENOENT' ? `${what} ${file} not found` : `cannot read ${what} ${file}: ${code ?? (err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${what} ${file} is not valid JSON (${(err as Error).message.replace(/\s+/g, ' ')})`);
  }
}
