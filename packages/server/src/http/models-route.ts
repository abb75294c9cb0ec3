// GET /v1/models: the model names this server accepts and which kind of backend serves each (the
// built-in local model or an OpenAI-compatible endpoint). Never keys, never endpoint addresses.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/config.ts';
import { DEFAULT_MODEL, modelRegistry } from '../models/registry.ts';

const modelSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    object: { type: 'string', enum: ['model'] },
    owned_by: { type: 'string' },
    provider: { type: 'string', enum: ['local', 'openai'] },
    vision: { type: 'boolean' },
    default: { type: 'boolean' },
    credits_per_page: { type: 'number' },
  },
} as const;

export function registerModelsRoute(app: FastifyInstance, config: Config): void {
  const models = modelRegistry(config);
  app.get(
    '/v1/models',
    { schema: { tags: ['models'], response: { 200: { type: 'object', properties: { object: { type: 'string' }, data: { type: 'array', items: modelSchema } } } } } },
    async () => ({
      object: 'list',
      data: models.names().map((name) => {
        const m = models.resolve(name)!;
        return { id: name, object: 'model', owned_by: 'docket', provider: m.backend, vision: m.llm?.vision ?? false, default: name === DEFAULT_MODEL, credits_per_page: m.creditsPerPage };
      }),
    }),
  );
}
