// Filesystem blob store beside the SQLite file: dataDir/blobs/<first 2 chars>/<key>.
// Writes go to a temp file in the same directory and are renamed into place, so a reader never
// sees a partial blob and a crash leaves at most a stray temp file. Keys are content hashes, so a
// blob that already exists is not rewritten.
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

// Keys become file names: allow only characters that cannot escape the blob directory.
const KEY_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]{1,254}$/;

export class BlobFiles {
  /** Keys known to be on disk (content-addressed, never deleted): skips a stat per repeated put. */
  private readonly known = new Set<string>();
  constructor(private readonly root: string) {}

  private pathOf(key: string): { dir: string; file: string } {
    if (!KEY_RE.test(key) || key.includes('..')) throw new Error(`invalid blob key: ${JSON.stringify(key)}`);
    const dir = join(this.root, key.slice(0, 2));
    return { dir, file: join(dir, key) };
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const { dir, file } = this.pathOf(key);
    if (this.known.has(key)) return;
    if (await exists(file)) return this.remember(key);
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.${key}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      // No fsync: the same durability as the SQLite rows beside it (WAL, synchronous=NORMAL) — a
      // process crash loses nothing, a power cut may lose the last writes of both.
      await writeFile(tmp, bytes);
      await rename(tmp, file);
      this.remember(key);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
  }

  private remember(key: string): void {
    if (this.known.size > 100_000) this.known.clear();
    this.known.add(key);
  }

  async get(key: string): Promise<Uint8Array | null> {
    const { file } = this.pathOf(key);
    try {
      const buf = await readFile(file);
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
