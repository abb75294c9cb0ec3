// Turns whatever the caller holds into the wire's `{filename, url}` document (MIMEData).
import { DocketError } from '../core/errors.ts';
import { toDataUri } from './base64.ts';
import { detectMime, extensionForMime, mimeFromFilename } from './mime.ts';
import { basename, readLocalFile } from './read-file.ts';

/** The wire form: `url` is a `data:` URI or an http(s) URL the server downloads. */
export interface MIMEData {
  filename: string;
  url: string;
}

/**
 * Accepted document inputs: `{filename, url}`; a file path (Node/Deno); an http(s) URL string or
 * `URL`; a `data:` URI string; bytes (`Uint8Array`/`Buffer`, `ArrayBuffer`) or a `Blob`/`File`.
 */
export type DocumentInput = MIMEData | string | URL | Uint8Array | ArrayBuffer | Blob;

export async function toDocument(input: DocumentInput): Promise<MIMEData> {
  if (typeof input === 'string') return fromString(input);
  if (input instanceof URL) return fromUrl(input);
  if (input instanceof Uint8Array) return fromBytes(input);
  if (input instanceof ArrayBuffer) return fromBytes(new Uint8Array(input));
  if (typeof Blob !== 'undefined' && input instanceof Blob) return fromBlob(input);
  if (isMimeData(input)) return { filename: input.filename, url: input.url };
  throw new DocketError(
    'Unsupported document: pass {filename, url}, a file path, an http(s) or data: URL, bytes or a Blob',
  );
}

export function isMimeData(v: unknown): v is MIMEData {
  return typeof v === 'object' && v !== null && typeof (v as MIMEData).url === 'string' &&
    typeof (v as MIMEData).filename === 'string';
}

async function fromString(s: string): Promise<MIMEData> {
  if (/^https?:\/\//i.test(s)) return fromUrl(new URL(s));
  if (/^data:/i.test(s)) {
    const mime = /^data:([^;,]+)/i.exec(s)?.[1] ?? 'application/octet-stream';
    return { filename: `document.${extensionFor(mime)}`, url: s };
  }
  const bytes = await readLocalFile(s);
  const filename = basename(s);
  return { filename, url: toDataUri(bytes, detectMime(bytes, filename)) };
}

function fromUrl(url: URL): MIMEData {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DocketError(`Unsupported document URL scheme "${url.protocol}" (use http(s) or data:)`);
  }
  const segments = url.pathname.split('/').filter(Boolean);
  const last = segments.length ? decodeURIComponent(segments[segments.length - 1]) : '';
  return { filename: last || 'document', url: url.toString() };
}

function fromBytes(bytes: Uint8Array, filename?: string, declaredMime?: string): MIMEData {
  let mime = detectMime(bytes, filename);
  if (mime === 'application/octet-stream' && declaredMime) mime = declaredMime;
  return { filename: filename ?? `document.${extensionFor(mime)}`, url: toDataUri(bytes, mime) };
}

async function fromBlob(blob: Blob): Promise<MIMEData> {
  const name = (blob as { name?: unknown }).name;
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return fromBytes(bytes, typeof name === 'string' && name ? name : undefined, blob.type || undefined);
}

function extensionFor(mime: string): string {
  const known = extensionForMime(mime);
  if (known !== 'bin') return known;
  // Reverse lookup through the extension table for anything else we know by name.
  const guess = mime.split('/')[1]?.split('+')[0];
  return guess && mimeFromFilename(`x.${guess}`) === mime ? guess : 'bin';
}
