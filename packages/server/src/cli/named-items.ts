// The named lists of classify (--categories) and split (--subdocuments): a comma list of names, or a
// JSON file holding an array of names / {name, description, …} objects, or an object {name: description}.
import { CliError } from './cli-errors.ts';
import { readJsonFile } from './document-file.ts';

export interface NamedItem {
  name: string;
  description?: string;
  [extra: string]: unknown;
}

/** Exactly one of the inline list (`--flag`) or the file (`--flag-file`); at least one item, names unique. */
export async function namedItems(inline: string | undefined, file: string | undefined, flag: string): Promise<NamedItem[]> {
  if ((inline === undefined) === (file === undefined)) throw new CliError(`pass exactly one of --${flag} 'a,b,c' or --${flag}-file FILE.json`);
  const items = inline !== undefined ? fromList(inline) : fromJson(await readJsonFile(file!, `${flag} file`), file!, flag);
  if (items.length === 0) throw new CliError(`--${flag} needs at least one name`);
  const seen = new Set<string>();
  for (const it of items) {
    if (seen.has(it.name)) throw new CliError(`--${flag}: '${it.name}' is listed twice`);
    seen.add(it.name);
  }
  return items;
}

function fromList(list: string): NamedItem[] {
  return list.split(',').map((s) => s.trim()).filter(Boolean).map((name) => ({ name }));
}

function fromJson(value: unknown, file: string, flag: string): NamedItem[] {
  const bad = () => new CliError(`${flag} file ${file} must hold an array of names or of {"name", "description"} objects, or an object {"name": "description"}`);
  if (Array.isArray(value)) {
    return value.map((v) => {
      if (typeof v === 'string' && v.trim()) return { name: v.trim() };
      if (typeof v === 'object' && v !== null && typeof (v as NamedItem).name === 'string' && (v as NamedItem).name.trim()) return v as NamedItem;
      throw bad();
    });
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).map(([name, description]) => {
      if (typeof description !== 'string') throw bad();
      return { name, description };
    });
  }
  throw bad();
}
