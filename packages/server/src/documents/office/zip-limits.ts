// Bounded unzipping for OOXML containers (DOCX/XLSX/PPTX): caps the entry count and the total declared
// uncompressed size before inflating anything, and inflates each entry into a buffer of exactly its
// declared size (fflate never grows it), so a lying header cannot expand past the cap either.
import { type Unzipped, unzipSync, zipSync } from 'fflate';
import { RunFailure } from '../../runs/failures.ts';

export interface ZipLimits {
  /** Largest total uncompressed size of all entries. */
  maxUnzippedBytes: number;
  /** Most entries in the archive. */
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxUnzippedBytes: 200 * 1024 * 1024, maxEntries: 10_000 };

/** Inflate the entries `want` selects (all by default), after checking the limits over every entry. */
export function readZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS, want: (name: string) => boolean = () => true): Unzipped {
  let entries = 0;
  let declared = 0;
  // First pass: sizes and count only (the filter sees every central-directory entry; nothing is inflated).
  guard(() =>
    unzipSync(bytes, {
      filter: (f) => {
        entries++;
        declared += f.originalSize;
        if (entries > limits.maxEntries) {
          throw new RunFailure('document_too_large', `The archive has more than ${limits.maxEntries} entries`, { max_entries: limits.maxEntries });
        }
        if (declared > limits.maxUnzippedBytes) {
          throw new RunFailure('document_too_large', `The archive expands to more than ${mb(limits.maxUnzippedBytes)} MB`, {
            max_unzipped_bytes: limits.maxUnzippedBytes,
          });
        }
        return false;
      },
    }),
  );
  return guard(() => unzipSync(bytes, { filter: (f) => want(f.name) }));
}

/** Re-pack a checked archive with honest sizes (stored, no compression), so a third-party reader that
 *  inflates on its own (mammoth, exceljs) only ever sees bounded data. */
export function sanitizeZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Uint8Array {
  const files = readZip(bytes, limits);
  return zipSync(files, { level: 0 });
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RunFailure) throw err;
    throw new RunFailure('corrupt_document', `The archive could not be read: ${(err as Error).message ?? String(err)}`);
  }
}

const mb = (n: number) => Math.round(n / (1024 * 1024));
