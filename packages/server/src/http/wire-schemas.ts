// JSON Schemas of the wire requests (create bodies per primitive, list and get queries).
// Fastify validates with them and @-style 422 bodies are rendered by errors.ts. Unknown fields are
// accepted and ignored (Retab legacy fields such as image_resolution_dpi, chunking_keys).
import type { Primitive } from '../runs/types.ts';

const nullable = (s: Record<string, unknown>) => ({ anyOf: [s, { type: 'null' }] });

export const mimeDataSchema = {
  type: 'object',
  required: ['filename', 'url'],
  properties: {
    filename: { type: 'string', minLength: 1, maxLength: 1024 },
    url: { type: 'string', minLength: 1 },
  },
} as const;

const common = {
  model: { type: 'string', minLength: 1, default: 'retab-small' },
  instructions: nullable({ type: 'string' }),
  bust_cache: { type: 'boolean', default: false },
  background: { type: 'boolean', default: false },
  metadata: nullable({ type: 'object', additionalProperties: { type: 'string' } }),
};

const nConsensus = (max: number) => ({ type: 'integer', minimum: 1, maximum: max, default: 1 });

export const createBodySchemas: Record<Primitive, Record<string, unknown>> = {
  parse: {
    type: 'object',
    required: ['document'],
    properties: { document: mimeDataSchema, ...common, table_parsing_format: { type: 'string', enum: ['markdown', 'yaml', 'html', 'json'], default: 'html' } },
  },
  extraction: {
    type: 'object',
    required: ['document', 'json_schema'],
    properties: {
      document: mimeDataSchema,
      ...common,
      json_schema: { type: 'object' },
      n_consensus: nConsensus(16),
      additional_messages: nullable({ type: 'array', items: { type: 'object' } }),
      stream: { type: 'boolean', default: false },
    },
  },
  classification: {
    type: 'object',
    required: ['document', 'categories'],
    properties: {
      document: mimeDataSchema,
      ...common,
      categories: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string', minLength: 1 }, description: { type: 'string', default: '' }, handle_key: nullable({ type: 'string' }) },
        },
      },
      first_n_pages: nullable({ type: 'integer', minimum: 1 }),
      n_consensus: nConsensus(16),
    },
  },
  split: {
    type: 'object',
    required: ['document', 'subdocuments'],
    properties: {
      document: mimeDataSchema,
      ...common,
      subdocuments: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1 }, description: { type: 'string', default: '' }, allow_multiple_instances: { type: 'boolean', default: false } },
        },
      },
      n_consensus: nConsensus(8),
    },
  },
  partition: {
    type: 'object',
    required: ['document', 'key', 'instructions'],
    properties: {
      document: mimeDataSchema,
      ...common,
      key: { type: 'string', minLength: 1 },
      instructions: { type: 'string' },
      n_consensus: nConsensus(8),
      allow_overlap: { type: 'boolean', default: true },
    },
  },
  edit: {
    type: 'object',
    required: ['instructions'],
    properties: {
      document: nullable(mimeDataSchema),
      ...common,
      instructions: { type: 'string', minLength: 1 },
      template_id: nullable({ type: 'string', minLength: 1 }),
      config: {
        type: 'object',
        properties: { color: { type: 'string', pattern: '^#[0-9A-Fa-f]{6}$', default: '#000080' } },
        default: { color: '#000080' },
      },
    },
  },
};

/** Cursor pagination shared by every list (runs and edit templates). */
export const pageQueryProperties = {
  limit: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
  order: { type: 'string', enum: ['asc', 'desc'], default: 'desc' },
  before: { type: 'string', minLength: 1 },
  after: { type: 'string', minLength: 1 },
} as const;

export const listQuerySchema = (primitive: Primitive) => ({
  type: 'object',
  properties: {
    ...pageQueryProperties,
    from_date: { type: 'string' },
    to_date: { type: 'string' },
    filename: { type: 'string' },
    ...(primitive === 'parse' ? {} : { status: { type: 'string', enum: ['pending', 'queued', 'in_progress', 'completed', 'failed', 'cancelled'] } }),
    ...(primitive === 'extraction' ? { metadata: { type: 'string' } } : {}),
    ...(primitive === 'edit' ? { template_id: { type: 'string' } } : {}),
  },
});

export const getQuerySchema = {
  type: 'object',
  properties: { include_output: { type: 'boolean', default: true } },
};

export const idParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
};
