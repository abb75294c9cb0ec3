// `client.models.list()`: GET /v1/models, the model names this server accepts and their backend.
import type { Docket } from '../client.ts';
import type { RequestOptions } from '../core/request.ts';

export interface Model {
  id: string;
  object: 'model';
  owned_by: string;
  /** `local`: Docket's built-in model; `openai`: an OpenAI-compatible endpoint. */
  provider: 'local' | 'openai';
  vision: boolean;
  /** The model used when a create sends none. */
  default: boolean;
  credits_per_page: number;
}

export interface ModelList {
  object: 'list';
  data: Model[];
}

export class Models {
  constructor(protected readonly client: Docket) {}

  async list(options?: RequestOptions): Promise<ModelList> {
    return (await this.client.request<ModelList>({ method: 'GET', path: '/v1/models', options })).data;
  }
}
