// Decodes image files into greyscale rasters for OCR: TIFF (every page, incl. CCITT G4) with utif2,
// PNG/JPEG/GIF/WebP/BMP with @napi-rs/canvas (Skia; prebuilt binary shipped in the npm package) in a
// child process, because Skia can segfault on a corrupt file.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { RunFailure } from '../runs/failures.ts';
import { rasterFromRgba, type Raster } from './ocr/raster.ts';
import type { ImageSize } from './image-header.ts';

const require = createRequire(import.meta.url);

interface TiffIfd {
  width: number;
  height: number;
  t254?: number[];
  t256?: number[];
  t257?: number[];
  [tag: string]: unknown;
}
interface Utif {
  decode(buf: Uint8Array | ArrayBuffer): TiffIfd[];
  decodeImage(buf: Uint8Array | ArrayBuffer, ifd: TiffIfd): void;
  toRGBA8(ifd: TiffIfd): Uint8Array;
}
const utif = (): Utif => require('utif2') as Utif;
const CHILD = fileURLToPath(new URL('./image-decode-child.mjs', import.meta.url));
const DECODE_TIMEOUT_MS = 60_000;

/** A TIFF's pages (reduced-resolution thumbnails skipped), read from the IFDs without decoding pixels. */
export function tiffFrames(bytes: Uint8Array): { sizes: ImageSize[]; ifds: TiffIfd[] } {
  let ifds: TiffIfd[];
  try {
    ifds = utif().decode(toArrayBuffer(bytes));
  } catch (err) {
    throw new RunFailure('corrupt_document', `The TIFF could not be read: ${(err as Error)?.message ?? err}`);
  }
  const pages = ifds.filter((d) => d.t256 && d.t257 && ((d.t254?.[0] ?? 0) & 1) === 0);
  if (pages.length === 0) throw new RunFailure('corrupt_document', 'The TIFF contains no image');
  return { ifds: pages, sizes: pages.map((d) => ({ width: d.t256![0], height: d.t257![0] })) };
}

export function decodeTiffFrame(bytes: Uint8Array, ifd: TiffIfd): Raster {
  try {
    utif().decodeImage(toArrayBuffer(bytes), ifd);
    const rgba = utif().toRGBA8(ifd);
    if (!ifd.width || !ifd.height || rgba.length < ifd.width * ifd.height * 4) throw new Error('no pixel data');
    return rasterFromRgba(rgba, ifd.width, ifd.height);
  } catch (err) {
    throw new RunFailure('corrupt_document', `The TIFF image could not be decoded: ${(err as Error)?.message ?? err}`);
  }
}

/** PNG, JPEG, GIF (first frame), WebP, BMP: decoded in a child process (see image-decode-child.mjs). */
export async function decodeImage(bytes: Uint8Array, mimeType: string, maxPixels: number, signal?: AbortSignal): Promise<Raster> {
  const child = spawn(process.execPath, [CHILD, String(maxPixels)], { stdio: ['pipe', 'pipe', 'pipe'], signal, timeout: DECODE_TIMEOUT_MS });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  child.stdin.on('error', () => undefined); // the child may exit before reading everything
  child.stdin.end(bytes);
  const code = await new Promise<number | null>((resolve) => {
    child.on('error', () => undefined);
    child.on('close', (c) => resolve(c));
  });
  if (signal?.aborted) throw new RunFailure('cancelled', 'The run was cancelled');
  const data = Buffer.concat(out);
  if (code !== 0 || data.length < 8) {
    const why = Buffer.concat(err).toString('utf8').trim().slice(0, 200) || (code === null ? 'the decoder crashed or timed out' : `decoder exit code ${code}`);
    throw new RunFailure('corrupt_document', `The image (${mimeType}) could not be decoded: ${why}`);
  }
  const width = data.readUInt32LE(0);
  const height = data.readUInt32LE(4);
  if (data.length !== 8 + width * height) throw new RunFailure('corrupt_document', `The image (${mimeType}) could not be decoded`);
  return { width, height, data: new Uint8Array(data.buffer, data.byteOffset + 8, width * height) };
}

function toArrayBuffer(b: Uint8Array): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}
