// Renders a stored run as the wire resource: every field always present, output in its primitive's
// empty shape until the run completes.
import { PRIMITIVES } from '../runs/primitives.ts';
import type { Run } from '../runs/types.ts';

export function renderRun(run: Run, opts: { includeOutput?: boolean; partialOutput?: unknown } = {}): Record<string, unknown> {
  const spec = PRIMITIVES[run.primitive];
  const res: Record<string, unknown> = {
    id: run.id,
    object: spec.object,
    file: run.file,
    model: run.model,
  };
  for (const f of spec.echo) res[f] = run.params[f] ?? null;
  if (opts.includeOutput !== false) {
    res.output = run.status === 'completed' && run.output !== null ? run.output : (opts.partialOutput ?? spec.emptyOutput());
  }
  res.status = run.status;
  res.error = run.error;
  if (spec.hasConsensus) res.consensus = run.status === 'completed' && run.consensus !== null ? run.consensus : spec.emptyConsensus();
  if (run.primitive === 'edit') res.filled_document_ref = null;
  res.usage = run.usage;
  res.metadata = run.metadata;
  res.created_at = run.createdAt;
  res.updated_at = run.updatedAt;
  res.started_at = run.startedAt;
  res.completed_at = run.completedAt;
  res.progress = run.progress;
  res.attempts = run.attempts;
  res.cancel_requested_at = run.cancelRequestedAt;
  return res;
}
