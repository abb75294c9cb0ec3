// The routes of one primitive's resource (create / get / list / delete / cancel), one generic module
// parameterised by primitive. Sync create = create, then wait for the terminal event: all three modes
// share the same durable path.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PRIMITIVES } from '../runs/primitives.ts';
import { isTerminal, type Primitive, type Run } from '../runs/types.ts';
import type { AppDeps } from './app.ts';
import { createRunIdempotent } from './create-run.ts';
import { ApiError, notFound } from './errors.ts';
import { toListParams } from './list-params.ts';
import { renderRun } from './render-run.ts';
import { streamRun } from './stream-run.ts';
import { waitForTerminal } from './wait-for-run.ts';
import { createBodySchemas, getQuerySchema, idParamsSchema, listQuerySchema } from './wire-schemas.ts';

const CANCEL_WAIT_MS = 5000;

export function registerResourceRoutes(app: FastifyInstance, deps: AppDeps, primitive: Primitive): void {
  const spec = PRIMITIVES[primitive];
  const base = `/v1/${spec.resource}`;
  const what = spec.object.charAt(0).toUpperCase() + spec.object.slice(1);
  const tags = [spec.resource];

  const create = async (req: FastifyRequest, reply: FastifyReply, forceStream: boolean) => {
    const body = { ...(req.body as Record<string, unknown>) };
    if (forceStream) body.stream = true;
    const idempotencyKey = req.headers['idempotency-key'];
    const { run, replayed } = await createRunIdempotent(deps, {
      primitive,
      projectId: req.projectId,
      body,
      idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
    });
    if (replayed) reply.header('idempotent-replayed', 'true');
    else deps.events.notifyQueued();
    if (body.background === true) return reply.code(201).send(renderRun(run));
    if (body.stream === true) return streamRun(deps, req, reply, run);
    // Sync: a client that goes away cancels its run.
    const gone = new AbortController();
    const onClose = () => {
      if (!reply.raw.writableFinished) gone.abort();
    };
    reply.raw.on('close', onClose);
    const final = await waitForTerminal(deps, run.id, { timeoutMs: deps.config.syncWaitMs, signal: gone.signal });
    reply.raw.off('close', onClose);
    if (gone.signal.aborted) {
      const cancelled = await cancelRun(run.id, req.projectId);
      return reply.code(201).send(renderRun(cancelled ?? run)); // nobody reads it; the socket is gone
    }
    return reply.code(201).send(renderRun(final ?? run));
  };

  const cancelRun = async (id: string, projectId: string): Promise<Run | null> => {
    const run = await deps.store.runCancel({ id, projectId });
    if (run && run.status === 'in_progress') deps.events.notifyCancel(id);
    return run;
  };

  app.post(base, { schema: { body: createBodySchemas[primitive], tags } }, (req, reply) => create(req, reply, false));
  if (primitive === 'extraction') {
    app.post(`${base}/stream`, { schema: { body: createBodySchemas[primitive], tags } }, (req, reply) => create(req, reply, true));
  }

  app.get(`${base}/:id`, { schema: { params: idParamsSchema, querystring: getQuerySchema, tags } }, async (req) => {
    const { id } = req.params as { id: string };
    const run = await deps.store.runGet({ id, projectId: req.projectId });
    if (!run || run.primitive !== primitive) throw notFound(what, id);
    return renderRun(run, { includeOutput: (req.query as { include_output: boolean }).include_output });
  });

  app.get(base, { schema: { querystring: listQuerySchema(primitive), tags } }, async (req) => {
    const params = toListParams(primitive, req.projectId, req.query as Record<string, unknown>);
    const cursor = params.after ?? params.before;
    if (cursor) {
      const c = await deps.store.runGet({ id: cursor, projectId: req.projectId });
      if (!c || c.primitive !== primitive) throw new ApiError(422, 'Cursor does not match a resource in this project. Use the ids from list_metadata.');
    }
    const { data, hasMore } = await deps.store.runList(params);
    const first = data[0]?.id ?? null;
    const last = data[data.length - 1]?.id ?? null;
    // `after` is non-null iff a next page exists; `before` iff a previous page exists.
    const walkingBack = Boolean(params.before);
    const list_metadata = {
      before: walkingBack ? (hasMore ? first : null) : params.after ? first : null,
      after: walkingBack ? last : hasMore ? last : null,
    };
    return { data: data.map((r) => renderRun(r)), list_metadata };
  });

  app.delete(`${base}/:id`, { schema: { params: idParamsSchema, tags } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const run = await deps.store.runGet({ id, projectId: req.projectId });
    if (!run || run.primitive !== primitive) throw notFound(what, id);
    if (!isTerminal(run.status)) await cancelRun(id, req.projectId); // stop the work before forgetting it
    await deps.store.runDelete({ id, projectId: req.projectId });
    return reply.code(204).send();
  });

  app.post(`${base}/:id/cancel`, { schema: { params: idParamsSchema, tags } }, async (req) => {
    const { id } = req.params as { id: string };
    const existing = await deps.store.runGet({ id, projectId: req.projectId });
    if (!existing || existing.primitive !== primitive) throw notFound(what, id);
    const run = await cancelRun(id, req.projectId);
    if (!run) throw notFound(what, id);
    if (isTerminal(run.status)) return renderRun(run);
    const final = await waitForTerminal(deps, id, { timeoutMs: CANCEL_WAIT_MS, pollMs: 200 });
    return renderRun(final ?? run);
  });
}
