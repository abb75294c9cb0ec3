// Reads a local file for a document given by path. Node/Deno only: node:fs is imported lazily
// so that browser bundles never load it.
import { DocketError } from '../core/errors.ts';

export function isNodeLike(): boolean {
  const g = globalThis as { process?: { versions?: { node?: string } }; Deno?: unknown };
  return Boolean(g.process?.versions?.node) || g.Deno !== undefined;
}

export async function readLocalFile(path: string): Promise<Uint8Array> {
  if (!isNodeLike()) {
    throw new DocketError(`Cannot read "${path}": file paths are only supported in Node and Deno; pass bytes, a Blob or a URL`);
  }
  const fs = await import('node:fs/promises');
  try {
    return new Uint8Array(await fs.readFile(path));
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new DocketError(
      code === 'ENOENT'
        ? `Document file not found: "${path}" (strings are read as file paths unless they are http(s) or data: URLs)`
        : `Could not read document file "${path}": ${(err as Error).message}`,
    );
  }
}

export function basename(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
