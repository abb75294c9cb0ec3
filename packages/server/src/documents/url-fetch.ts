// Downloads a document from an http(s) URL for the server, safely: resolves DNS itself and refuses
// non-public addresses (unless allowed), pins the connection to the vetted address, follows redirects by
// hand (re-checking every hop), streams the body with a byte limit, and bounds the whole by a timeout.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { RunFailure } from '../runs/failures.ts';
import { DocumentInputError } from './document-input-error.ts';
import { blockedReason } from './ip-policy.ts';

export interface FetchOptions {
  maxBytes: number;
  timeoutMs: number;
  allowPrivateNetworks?: boolean;
  /** Hostnames (as written in the URL) exempt from the address check, e.g. an internal document store. */
  allowedHosts?: string[];
  signal?: AbortSignal;
}

export interface FetchedDocument {
  bytes: Uint8Array;
  mimeType: string;
  filename: string;
}

const MAX_REDIRECTS = 5;

export async function fetchUrl(url: string, opts: FetchOptions): Promise<FetchedDocument> {
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  let current = parseUrl(url);
  try {
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const exempt = opts.allowedHosts?.includes(current.hostname.toLowerCase()) ?? false;
      const address = await vet(current, opts.allowPrivateNetworks === true || exempt);
      const res = await request(current, address, signal);
      const status = res.statusCode ?? 0;
      if ([301, 302, 303, 307, 308].includes(status)) {
        res.resume();
        const location = res.headers.location;
        if (!location) throw new DocumentInputError('fetch_failed', `The server answered ${status} without a Location header`);
        if (hop === MAX_REDIRECTS) throw new DocumentInputError('fetch_failed', `Too many redirects (more than ${MAX_REDIRECTS})`);
        current = parseUrl(new URL(location, current).toString());
        continue;
      }
      if (status < 200 || status >= 300) {
        res.resume();
        throw new DocumentInputError('fetch_failed', `The document URL answered HTTP ${status}`);
      }
      const bytes = await readBody(res, opts.maxBytes);
      return { bytes, mimeType: contentType(res), filename: filenameOf(res, current) };
    }
    throw new DocumentInputError('fetch_failed', 'Too many redirects');
  } catch (err) {
    if (err instanceof DocumentInputError) throw err;
    if (opts.signal?.aborted) throw new RunFailure('cancelled', 'The run was cancelled');
    if (timeout.aborted) throw new DocumentInputError('fetch_failed', `Downloading the document timed out after ${opts.timeoutMs} ms`);
    throw new DocumentInputError('fetch_failed', `Downloading the document failed: ${(err as Error).message ?? String(err)}`);
  }
}

function parseUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new DocumentInputError('url_not_allowed', 'The document URL is not a valid URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new DocumentInputError('url_not_allowed', `Only http and https document URLs are allowed (got ${u.protocol.replace(/:$/, '')})`);
  }
  return u;
}

/** Resolve the host; every address must be public (unless allowed). Returns the address to connect to. */
async function vet(u: URL, allowPrivate: boolean): Promise<{ address: string; family: number }> {
  const host = u.hostname.replace(/^\[|\]$/g, '');
  let addrs: dns.LookupAddress[];
  try {
    addrs = await dns.promises.lookup(host, { all: true, verbatim: true });
  } catch (err) {
    throw new DocumentInputError('fetch_failed', `The document host ${host} could not be resolved (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (addrs.length === 0) throw new DocumentInputError('fetch_failed', `The document host ${host} has no address`);
  if (!allowPrivate) {
    for (const a of addrs) {
      const reason = blockedReason(a.address);
      if (reason) throw new DocumentInputError('url_not_allowed', `The document URL points to a non-public address (${host} → ${a.address}: ${reason})`);
    }
  }
  return addrs[0];
}

function request(u: URL, address: { address: string; family: number }, signal: AbortSignal): Promise<http.IncomingMessage> {
  // Connect to the address we vetted, never to a fresh DNS answer (no rebinding between check and use).
  const lookup = ((_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
    if (options?.all) cb(null, [address]);
    else cb(null, address.address, address.family);
  }) as unknown as LookupFunction;
  const mod = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(u, { method: 'GET', lookup, signal, headers: { 'user-agent': 'Docket/0.1', accept: '*/*', 'accept-encoding': 'identity' } }, resolve);
    req.on('error', reject);
    req.end();
  });
}

async function readBody(res: http.IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw new DocumentInputError('document_too_large', `The document is ${declared} bytes; the limit is ${maxBytes}`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      res.destroy();
      throw new DocumentInputError('document_too_large', `The document exceeds the limit of ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function contentType(res: http.IncomingMessage): string {
  const ct = res.headers['content-type'];
  return ct ? ct.split(';')[0].trim().toLowerCase() || 'application/octet-stream' : 'application/octet-stream';
}

function filenameOf(res: http.IncomingMessage, u: URL): string {
  const cd = res.headers['content-disposition'] ?? '';
  const star = cd.match(/filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall through */
    }
  }
  const plain = cd.match(/filename\s*=\s*"?([^";]+)"?/);
  if (plain) return plain[1].trim();
  const last = u.pathname.split('/').filter(Boolean).pop();
  if (last) {
    try {
      return decodeURIComponent(last);
    } catch {
      return last;
    }
  }
  return 'document';
}
