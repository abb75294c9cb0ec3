// Builds the Fastify application: auth, the six resources, health checks, error rendering.
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { PRIMITIVE_LIST } from '../runs/primitives.ts';
import { ulid } from '../runs/ids.ts';
import type { RunStore } from '../store/run-store.ts';
import type { Config } from '../config/config.ts';
import type { RunEvents } from '../worker/run-events.ts';
import { registerAuth } from './auth.ts';
import { errorHandler } from './errors.ts';
import { registerEditTemplateRoutes } from './edit-template-routes.ts';
import { registerModelsRoute } from './models-route.ts';
import { registerResourceRoutes } from './resource-routes.ts';

const OPENAPI_INFO = {
  openapi: '3.0.3',
  info: { title: 'Docket API', version: '0.1.0', description: 'Retab v1 compatible document-AI API: parses, extractions, classifications, splits, partitions, edits.' },
  components: {
    securitySchemes: {
      ApiKey: { type: 'apiKey' as const, in: 'header' as const, name: 'Api-Key' },
      Bearer: { type: 'http' as const, scheme: 'bearer' },
    },
  },
  security: [{ ApiKey: [] as string[] }, { Bearer: [] as string[] }] as Record<string, string[]>[],
};

export interface AppDeps {
  config: Config;
  store: RunStore;
  events: RunEvents;
}

export function buildApp(deps: AppDeps, opts: { logger?: boolean | object } = {}): FastifyInstance {
  const app = Fastify({
    logger: opts.logger ?? false,
    // Per-request log lines cost throughput; errors are still logged with their request id.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.config.bodyLimitBytes,
    genReqId: () => `req_${ulid()}`,
    requestIdHeader: false,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', useDefaults: true, removeAdditional: false } },
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({ detail: `No route ${req.method} ${req.url.split('?')[0]}` });
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    try {
      await deps.store.runCounts();
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable', detail: 'the run store is not reachable' });
    }
  });

  void app.register(swagger, { openapi: OPENAPI_INFO });
  // Routes live in a plugin registered after swagger, so every route is captured in the OpenAPI document.
  void app.register(async (api) => {
    registerAuth(api, deps.store);
    registerEditTemplateRoutes(api, deps); // before the resource routes: /v1/edits/templates is not an edit id
    for (const spec of PRIMITIVE_LIST) registerResourceRoutes(api, deps, spec.primitive);
    registerModelsRoute(api, deps.config);
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
