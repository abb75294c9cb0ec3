// Builds the Fastify application: auth, the six resources, health checks, error rendering.
import Fastify, { type FastifyInstance } from 'fastify';
import { PRIMITIVE_LIST } from '../runs/primitives.ts';
import { ulid } from '../runs/ids.ts';
import type { RunStore } from '../store/run-store.ts';
import type { Config } from '../config/config.ts';
import type { RunEvents } from '../worker/run-events.ts';
import { registerAuth } from './auth.ts';
import { errorHandler } from './errors.ts';
import { registerResourceRoutes } from './resource-routes.ts';

export interface AppDeps {
  config: Config;
  store: RunStore;
  events: RunEvents;
}

export function buildApp(deps: AppDeps, opts: { logger?: boolean | object } = {}): FastifyInstance {
  const app = Fastify({
    logger: opts.logger ?? false,
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

  registerAuth(app, deps.store);
  for (const spec of PRIMITIVE_LIST) registerResourceRoutes(app, deps, spec.primitive);
  return app;
}
