// Turns a request's `document: {filename, url}` into bytes: strict `data:` URI decoding here, and
// http(s) downloads through url-fetch.ts. Bad input throws DocumentInputError with a stable code.
import { DocumentInputError } from './document-input-error.ts';
import { fetchUrl, type FetchOptions, type FetchedDocument } from './url-fetch.ts';

export { DocumentInputError, type DocumentInputErrorCode } from './document-input-error.ts';
export type { FetchOptions, FetchedDocument } from './url-fetch.ts';

export interface DataUri {
  mimeType: string;
  bytes: Uint8Array;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decode a `data:` URI. Base64 payloads are checked strictly (alphabet + padding; whitespace tolerated);
 *  a payload without `;base64` is percent-decoded text. */
export function parseDataUri(url: string, opts: { maxBytes?: number } = {}): DataUri {
  if (typeof url !== 'string' || !/^data:/i.test(url)) throw new DocumentInputError('invalid_data_uri', 'The document URL is not a data: URI');
  const comma = url.indexOf(',');
  if (comma < 0) throw new DocumentInputError('invalid_data_uri', 'The data URI has no comma separating its header from its payload');
  const header = url.slice(5, comma);
  const params = header.split(';').map((p) => p.trim());
  const isBase64 = params.length > 1 && params[params.length - 1].toLowerCase() === 'base64';
  const mediaType = params[0].toLowerCase();
  if (mediaType && !/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(mediaType)) {
    throw new DocumentInputError('invalid_data_uri', `The data URI has an invalid media type "${params[0]}"`);
  }
  const mimeType = mediaType || 'text/plain';
  const payload = url.slice(comma + 1);
  let bytes: Uint8Array;
  if (isBase64) {
    const clean = payload.replace(/[\s]+/g, '').replace(/%3D/gi, '=');
    if (!BASE64.test(clean) || clean.length % 4 === 1 || (clean.includes('=') && clean.length % 4 !== 0)) {
      throw new DocumentInputError('invalid_data_uri', 'The data URI payload is not valid base64');
    }
    if (opts.maxBytes !== undefined && Math.floor((clean.length * 3) / 4) - 2 > opts.maxBytes) {
      throw new DocumentInputError('document_too_large', `The document exceeds the limit of ${opts.maxBytes} bytes`);
    }
    bytes = new Uint8Array(Buffer.from(clean, 'base64'));
  } else {
    let text: string;
    try {
      text = decodeURIComponent(payload);
    } catch {
      throw new DocumentInputError('invalid_data_uri', 'The data URI payload is neither base64 (no ";base64") nor valid percent-encoded text');
    }
    bytes = new TextEncoder().encode(text);
  }
  if (bytes.length === 0) throw new DocumentInputError('invalid_data_uri', 'The data URI payload is empty');
  if (opts.maxBytes !== undefined && bytes.length > opts.maxBytes) {
    throw new DocumentInputError('document_too_large', `The document is ${bytes.length} bytes; the limit is ${opts.maxBytes}`);
  }
  return { mimeType, bytes };
}

/** Get a document's bytes from a URL: `data:` URIs are decoded, http(s) URLs downloaded with the
 *  safety rules of url-fetch.ts. Other schemes → `url_not_allowed`. */
export async function fetchDocument(url: string, opts: FetchOptions): Promise<FetchedDocument> {
  if (/^data:/i.test(url)) {
    const { mimeType, bytes } = parseDataUri(url, { maxBytes: opts.maxBytes });
    return { mimeType, bytes, filename: 'document' };
  }
  return fetchUrl(url, opts);
}
