// The Docket client: options, auth, URL and header building; resources hang off it.
import { DocketError } from './core/errors.ts';
import { readEnv } from './core/env.ts';
import { buildQuery } from './core/query.ts';
import { performRequest, type HttpResult, type RequestOptions } from './core/request.ts';
import { Edits } from './resources/edits.ts';
import { Extractions } from './resources/extractions.ts';
import { Models } from './resources/models.ts';
import { PrimitiveResource } from './resources/primitive-resource.ts';
import type * as T from './resources/primitive-types.ts';
import type { ListParams } from './resources/shared.ts';
import { VERSION } from './version.ts';

export const DEFAULT_BASE_URL = 'http://127.0.0.1:8080';

export interface ClientOptions {
  /** Defaults to env `DOCKET_API_KEY`. Required. */
  apiKey?: string;
  /** Defaults to env `DOCKET_BASE_URL`, else `http://127.0.0.1:8080`. A trailing `/v1` is tolerated. */
  baseURL?: string;
  /** A custom fetch (tests, proxies, other runtimes). Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Retries after the first attempt. @default 2 */
  maxRetries?: number;
  /** Per-attempt timeout in ms. @default 60000 */
  timeout?: number;
  defaultHeaders?: Record<string, string>;
}

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, unknown>;
  body?: unknown;
  options?: RequestOptions;
  /** A create: gets an Idempotency-Key so that retrying it is safe. */
  create?: boolean;
  stream?: boolean;
  /** Safe to repeat even as a POST (cancel). */
  idempotent?: boolean;
}

export class Docket {
  readonly apiKey: string;
  readonly baseURL: string;
  readonly maxRetries: number;
  readonly timeout: number;
  private readonly fetchImpl: typeof fetch;
  private readonly defaultHeaders: Record<string, string>;

  readonly parses: PrimitiveResource<T.ParseCreateParams, T.Parse, T.ParseListParams>;
  readonly extractions: Extractions;
  readonly classifications: PrimitiveResource<T.ClassificationCreateParams, T.Classification, ListParams>;
  readonly splits: PrimitiveResource<T.SplitCreateParams, T.Split, ListParams>;
  readonly partitions: PrimitiveResource<T.PartitionCreateParams, T.Partition, ListParams>;
  /** The edit primitive, plus `edits.templates` (create/get/list/update/delete). */
  readonly edits: Edits;
  readonly models: Models;

  constructor(options: ClientOptions = {}) {
    const apiKey = options.apiKey ?? readEnv('DOCKET_API_KEY');
    if (!apiKey) {
      throw new DocketError(
        'Missing API key: pass `new Docket({ apiKey })` or set the DOCKET_API_KEY environment variable',
      );
    }
    this.apiKey = apiKey;
    this.baseURL = normaliseBaseURL(options.baseURL ?? readEnv('DOCKET_BASE_URL') ?? DEFAULT_BASE_URL);
    this.maxRetries = options.maxRetries ?? 2;
    this.timeout = options.timeout ?? 60_000;
    const f = options.fetch ?? (globalThis.fetch as typeof fetch | undefined);
    if (!f) throw new DocketError('No fetch available: pass `fetch` in the client options');
    this.fetchImpl = options.fetch ? f : f.bind(globalThis);
    this.defaultHeaders = { ...options.defaultHeaders };

    this.parses = new PrimitiveResource(this, 'parses');
    this.extractions = new Extractions(this, 'extractions');
    this.classifications = new PrimitiveResource(this, 'classifications');
    this.splits = new PrimitiveResource(this, 'splits');
    this.partitions = new PrimitiveResource(this, 'partitions');
    this.edits = new Edits(this, 'edits');
    this.models = new Models(this);
  }

  /** Auth headers; the Retab drop-in overrides this to send `Api-Key`. */
  protected authHeaders(): Record<string, string> {
    return { Authorization: `Bearer ${this.apiKey}` };
  }

  /** Sends one API request (with retries) and returns the parsed body with the Response. */
  request<R>(req: ApiRequest): Promise<HttpResult<R>> {
    const opts = req.options ?? {};
    const headers: Record<string, string> = {
      Accept: req.stream ? 'application/stream+json, application/json' : 'application/json',
      'X-Docket-SDK': `ts/${VERSION}`,
      ...this.authHeaders(),
      ...this.defaultHeaders,
    };
    let body: string | undefined;
    if (req.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(req.body);
    }
    if (req.create) headers['Idempotency-Key'] = opts.idempotencyKey ?? newIdempotencyKey();
    Object.assign(headers, opts.headers);
    const hasKey = Object.keys(headers).some((h) => h.toLowerCase() === 'idempotency-key');
    return performRequest<R>(
      { fetch: this.fetchImpl, timeout: this.timeout, maxRetries: this.maxRetries },
      {
        method: req.method,
        url: `${this.baseURL}${req.path}${buildQuery(req.query)}`,
        headers,
        body,
        idempotent: req.idempotent ?? (req.method !== 'POST' || hasKey),
        stream: req.stream,
      },
      opts,
    );
  }
}

function normaliseBaseURL(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/v1$/, '');
}

function newIdempotencyKey(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c?.randomUUID) return `docket-${c.randomUUID()}`;
  return `docket-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
