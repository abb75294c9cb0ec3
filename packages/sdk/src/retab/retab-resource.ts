// A Retab-shaped resource over a Docket primitive resource: positional create, get/list with
// camelCase options, delete, and Retab's cancel method names.
import type { ApiRequest, Docket } from '../client.ts';
import { PagePromise, type ListResponse } from '../core/pagination.ts';
import type { RequestOptions } from '../core/request.ts';
import { ExtractionStream } from '../lib/extraction-stream.ts';
import { serializeParams } from '../resources/primitive-resource.ts';
import { keysToSnake, withCamelAliases, type WithCamelAliases } from './case.ts';
import { mapCreateArgs, type PositionalLayout, type RetabPrimitive } from './positional.ts';
import { RetabPage } from './retab-page.ts';

export interface RetabGetOptions {
  includeOutput?: boolean;
}

export class RetabResource<TResource extends object> {
  constructor(
    protected readonly client: Docket,
    protected readonly primitive: RetabPrimitive,
    protected readonly layout: PositionalLayout,
  ) {}

  /**
   * Positional arguments in the @retab/node 1.0.149–1.0.156 order (see docs/retab-compat.md), or a
   * single options object (camelCase or snake_case keys).
   */
  async create(...args: unknown[]): Promise<WithCamelAliases<TResource>> {
    const params = mapCreateArgs(this.primitive, args, this.layout);
    if (params.stream === true && this.primitive === 'extractions') {
      return withCamelAliases((await this.openStream(params).finalResource()) as unknown as TResource);
    }
    const body = await serializeParams(params);
    return this.send({ method: 'POST', path: this.base(), body, create: true });
  }

  async get(id: string, options: RetabGetOptions = {}): Promise<WithCamelAliases<TResource>> {
    const query = options.includeOutput === false ? { include_output: false } : undefined;
    return this.send({ method: 'GET', path: this.base(id), query });
  }

  /** camelCase filters (`fromDate`, `filenameContains`, …); `await` it for one page or `for await` all items. */
  list(filters: Record<string, unknown> = {}): PagePromise<RetabPage<WithCamelAliases<TResource>>, WithCamelAliases<TResource>> {
    const fetchPage = async (q: Record<string, unknown>) => {
      const { data } = await this.client.request<ListResponse<TResource>>({ method: 'GET', path: this.base(), query: q });
      return { ...data, data: (data.data ?? []).map((r) => withCamelAliases(r)) };
    };
    const query = toWireFilters(filters);
    return new PagePromise(async () => new RetabPage(await fetchPage(query), query, fetchPage));
  }

  async delete(id: string): Promise<void> {
    await this.client.request<void>({ method: 'DELETE', path: this.base(id) });
  }

  /** Idempotent; answers with the resource (unchanged if it was already terminal). */
  protected async cancelRun(id: string): Promise<WithCamelAliases<TResource>> {
    return this.send({ method: 'POST', path: this.base(id, 'cancel'), idempotent: true });
  }

  protected openStream(params: Record<string, unknown>, options?: RequestOptions): ExtractionStream {
    return this.client.extractions.stream(params as never, options);
  }

  private async send(req: ApiRequest): Promise<WithCamelAliases<TResource>> {
    const { data } = await this.client.request<TResource>(req);
    return withCamelAliases(data);
  }

  private base(id?: string, action?: string): string {
    let p = `/v1/${this.primitive}`;
    if (id !== undefined) p += `/${encodeURIComponent(id)}`;
    return action ? `${p}/${action}` : p;
  }
}

function toWireFilters(filters: Record<string, unknown>): Record<string, unknown> {
  const out = keysToSnake(filters);
  for (const k of ['from_date', 'to_date']) {
    const v = out[k];
    if (v instanceof Date) out[k] = v.toISOString().slice(0, 10);
  }
  return out;
}
