// Streams a run as NDJSON (application/stream+json): one line per change carrying the resource with
// its latest partial output, then the final resource. A client that disconnects cancels the run.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isTerminal, type Run } from '../runs/types.ts';
import type { AppDeps } from './app.ts';
import { renderRun } from './render-run.ts';

export async function streamRun(deps: AppDeps, req: FastifyRequest, reply: FastifyReply, run: Run): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(201, { 'content-type': 'application/stream+json', 'cache-control': 'no-store', 'x-request-id': String(req.id) });
  let current: Run = run;
  let partial: unknown = undefined;
  let closed = false;
  const write = (r: Run) => {
    if (!closed) res.write(JSON.stringify(renderRun(r, { partialOutput: partial })) + '\n');
  };
  write(current);
  await new Promise<void>((resolve) => {
    const end = (final: Run) => {
      if (closed) return;
      partial = undefined;
      write(final);
      closed = true;
      cleanup();
      res.end();
      resolve();
    };
    const unsub = deps.events.subscribe(run.id, (ev) => {
      if (ev.type === 'partial') {
        partial = ev.output;
        write({ ...current, status: 'in_progress' });
      } else if (ev.type === 'progress') {
        current = { ...current, status: 'in_progress', progress: ev.progress };
      } else if (ev.type === 'terminal') end(ev.run);
    });
    const poll = setInterval(() => {
      void deps.store.runGet({ id: run.id }).then((r) => {
        if (r && isTerminal(r.status)) end(r);
      }, () => {});
    }, 1000);
    const onClose = () => {
      if (closed) return;
      closed = true;
      cleanup();
      void deps.store.runCancel({ id: run.id, projectId: run.projectId }).then((r) => {
        if (r?.status === 'in_progress') deps.events.notifyCancel(run.id);
      });
      resolve();
    };
    const cleanup = () => {
      unsub();
      clearInterval(poll);
      res.off('close', onClose);
    };
    res.on('close', onClose);
  });
}
