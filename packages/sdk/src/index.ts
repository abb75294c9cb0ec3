// @docket/sdk: the Docket client, its types and errors, and the Retab drop-in.
export { Docket, Docket as default, DEFAULT_BASE_URL, type ClientOptions, type ApiRequest } from './client.ts';
export * from './core/errors.ts';
export { Page, PagePromise, type ListMetadata, type ListResponse } from './core/pagination.ts';
export type { RequestOptions, HttpResult } from './core/request.ts';
export { parseRetryAfter, computeBackoffMs } from './core/retry.ts';
export { toDocument, type DocumentInput, type MIMEData } from './documents/to-document.ts';
export { ExtractionStream, type ExtractionStreamChunk } from './lib/extraction-stream.ts';
export { PrimitiveResource } from './resources/primitive-resource.ts';
export { Extractions } from './resources/extractions.ts';
export { Edits } from './resources/edits.ts';
export {
  EditTemplates,
  type EditTemplate,
  type EditTemplateCreateParams,
  type EditTemplateListParams,
  type EditTemplateUpdateParams,
  type TemplateFormField,
} from './resources/edit-templates.ts';
export { Models, type Model, type ModelList } from './resources/models.ts';
export * from './resources/shared.ts';
export type * from './resources/primitive-types.ts';
export { Retab, type RetabOptions } from './retab/retab.ts';
export { RetabPage } from './retab/retab-page.ts';
export { RetabEditTemplates } from './retab/retab-edit-templates.ts';
export { RetabResource, type RetabGetOptions } from './retab/retab-resource.ts';
export type { WithCamelAliases } from './retab/case.ts';
export type { PositionalLayout } from './retab/positional.ts';
export { VERSION } from './version.ts';
