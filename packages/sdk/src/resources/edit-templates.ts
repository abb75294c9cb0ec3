// Edit templates (`client.edits.templates`): a PDF form kept for reuse by `template_id` on edit
// creates. POST/GET /v1/edits/templates, GET/PATCH/DELETE /v1/edits/templates/{id}.
import type { ApiRequest, Docket } from '../client.ts';
import { DocketError } from '../core/errors.ts';
import { Page, PagePromise, type ListResponse } from '../core/pagination.ts';
import type { RequestOptions } from '../core/request.ts';
import { toDocument, type DocumentInput } from '../documents/to-document.ts';
import type { FormField } from './primitive-types.ts';
import type { FileRef } from './shared.ts';

/** A template's field: like an edit's FormField; `value` is usually null (filled per edit). */
export type TemplateFormField = Pick<FormField, 'key'> & Partial<Omit<FormField, 'key'>>;

export interface EditTemplate {
  id: string;
  object: 'edit_template';
  name: string;
  file: FileRef;
  form_fields: FormField[];
  field_count: number;
  created_at: string;
  updated_at: string;
}

export interface EditTemplateCreateParams {
  name: string;
  /** A PDF form (file path, bytes, `data:` URI or `{filename, url}` with a data: URL). */
  document: DocumentInput;
  /** Default: the fields detected in the PDF's AcroForm (a PDF without one is a 422). */
  form_fields?: TemplateFormField[];
}

export interface EditTemplateUpdateParams {
  name?: string;
  form_fields?: TemplateFormField[];
}

export interface EditTemplateListParams {
  /** 1–100, default 10 (per page; iteration fetches further pages). */
  limit?: number;
  order?: 'asc' | 'desc';
  before?: string;
  after?: string;
  /** Substring filter on the template name. */
  name?: string;
}

const BASE = '/v1/edits/templates';

export class EditTemplates {
  constructor(protected readonly client: Docket) {}

  async create(params: EditTemplateCreateParams, options?: RequestOptions): Promise<EditTemplate> {
    const body: Record<string, unknown> = { name: params.name, document: await toDocument(params.document) };
    if (params.form_fields !== undefined) body.form_fields = params.form_fields;
    // No Idempotency-Key: the server does not de-duplicate template creates, so a POST is retried only on 429/503.
    return this.send({ method: 'POST', path: BASE, body, options });
  }

  get(id: string, options?: RequestOptions): Promise<EditTemplate> {
    return this.send({ method: 'GET', path: path(id), options });
  }

  /** One page, awaitable; or `for await` over every template across pages. */
  list(query: EditTemplateListParams = {}, options?: RequestOptions): PagePromise<Page<EditTemplate>, EditTemplate> {
    const fetchPage = async (q: Record<string, unknown>) =>
      (await this.client.request<ListResponse<EditTemplate>>({ method: 'GET', path: BASE, query: q, options })).data;
    const first = { ...query } as Record<string, unknown>;
    return new PagePromise(async () => new Page(await fetchPage(first), first, fetchPage));
  }

  update(id: string, params: EditTemplateUpdateParams, options?: RequestOptions): Promise<EditTemplate> {
    const body: Record<string, unknown> = {};
    if (params.name !== undefined) body.name = params.name;
    if (params.form_fields !== undefined) body.form_fields = params.form_fields;
    return this.send({ method: 'PATCH', path: path(id), body, options });
  }

  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.client.request<void>({ method: 'DELETE', path: path(id), options });
  }

  private async send(req: ApiRequest): Promise<EditTemplate> {
    return (await this.client.request<EditTemplate>(req)).data;
  }
}

function path(id: string): string {
  if (typeof id !== 'string' || id === '') throw new DocketError('Expected a non-empty edit template id');
  return `${BASE}/${encodeURIComponent(id)}`;
}
