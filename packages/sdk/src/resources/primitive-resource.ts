// One resource class for all six primitives (they share a wire shape under /v1/<resource>):
// create, get, list, delete, cancel, createAndPoll.
import type { ApiRequest, Docket } from '../client.ts';
import { DocketError } from '../core/errors.ts';
import { Page, PagePromise, type ListResponse } from '../core/pagination.ts';
import type { HttpResult, RequestOptions } from '../core/request.ts';
import { toDocument } from '../documents/to-document.ts';
import { pollUntilTerminal } from '../lib/polling.ts';
import type { GetOptions, PollOptions, RunStatus } from './shared.ts';

interface AnyResource {
  id: string;
  status: RunStatus;
}

export class PrimitiveResource<TParams extends object, TResource extends AnyResource, TListParams extends object> {
  constructor(
    protected readonly client: Docket,
    /** The URL segment under /v1, e.g. `extractions`. */
    readonly resource: string,
  ) {}

  /** Creates a run. Sync by default: answers with the terminal resource (or in_progress past the server's wait bound). */
  async create(params: TParams, options?: RequestOptions): Promise<TResource> {
    const body = await serializeParams(params);
    return (await this.call<TResource>({ method: 'POST', path: this.path(), body, options, create: true })).data;
  }

  async get(id: string, getOptions: GetOptions = {}, options?: RequestOptions): Promise<TResource> {
    return (await this.getWithResponse(id, getOptions, options)).data;
  }

  /** Like `get`, with the Response (its headers carry Retry-After while the run is not terminal). */
  getWithResponse(id: string, getOptions: GetOptions = {}, options?: RequestOptions): Promise<HttpResult<TResource>> {
    const query = getOptions.includeOutput === false ? { include_output: false } : undefined;
    return this.call<TResource>({ method: 'GET', path: this.path(id), query, options });
  }

  /** One page, awaitable; or `for await` over every item across pages. */
  list(query?: TListParams, options?: RequestOptions): PagePromise<Page<TResource>, TResource> {
    const fetchPage = async (q: Record<string, unknown>) =>
      (await this.call<ListResponse<TResource>>({ method: 'GET', path: this.path(), query: q, options })).data;
    const first = { ...(query as Record<string, unknown> | undefined) };
    return new PagePromise(async () => new Page(await fetchPage(first), first, fetchPage));
  }

  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.call<void>({ method: 'DELETE', path: this.path(id), options });
  }

  /** Idempotent: a terminal run comes back unchanged; otherwise it ends `cancelled`. */
  async cancel(id: string, options?: RequestOptions): Promise<TResource> {
    return (await this.call<TResource>({ method: 'POST', path: this.path(id, 'cancel'), options, idempotent: true })).data;
  }

  /**
   * Creates the run in background mode and polls it until it is terminal; returns the terminal
   * resource (callers branch on `status`). Aborting `signal` cancels the run, then throws.
   */
  async createAndPoll(params: TParams, poll: PollOptions = {}, options?: RequestOptions): Promise<TResource> {
    const created = await this.create({ ...params, background: true }, { ...options, signal: poll.signal ?? options?.signal });
    return pollUntilTerminal<TResource>(created, {
      ...poll,
      get: (id, signal) => this.getWithResponse(id, {}, { ...options, signal }),
      cancel: (id) => this.cancel(id, { ...options, signal: undefined }),
    });
  }

  protected call<R>(req: ApiRequest): Promise<HttpResult<R>> {
    return this.client.request<R>(req);
  }

  protected path(id?: string, action?: string): string {
    let p = `/v1/${this.resource}`;
    if (id !== undefined) {
      if (typeof id !== 'string' || id === '') throw new DocketError(`Expected a non-empty ${this.resource} id`);
      p += `/${encodeURIComponent(id)}`;
    }
    return action ? `${p}/${action}` : p;
  }
}

/** Copies the params, turning `document` into the wire's `{filename, url}`. */
export async function serializeParams(params: object): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) body[k] = v;
  if (body.document !== undefined && body.document !== null) {
    body.document = await toDocument(body.document as Parameters<typeof toDocument>[0]);
  }
  return body;
}
