// The split primitive (built-in local model): reads page-level signals (printed page numbers, document numbers,
// the subdocument each page looks like, titles, repeated headers), decides where documents start, names each
// segment with the classifier and merges segments whose subdocument does not allow multiple instances.
// Output [{name, pages}] covers every page once. consensus.likelihoods: per segment {name: share of the
// classification score, pages: confidence of each page's boundary decision}. n_consensus > 1: each vote
// decides boundaries from a different subset of the signals; a page starts a segment when most votes say
// so, and a page's likelihood is the share of votes that agree.
import type { LoadedDocument } from '../documents/types.ts';
import { RunFailure } from '../runs/failures.ts';
import { profileCategory } from './classify/category-profile.ts';
import { decideBoundaries, type Boundary, type SignalName } from './split/boundaries.ts';
import { pageSignals, type PageSignals } from './split/page-signals.ts';
import { buildSegments, type Segment, type Subdocument } from './split/segments.ts';
import { checkpoint, type Engine, type EngineContext, type EngineResult } from './types.ts';

const ALL: SignalName[] = ['marker', 'number', 'kind', 'title'];
const VARIANTS: SignalName[][] = [ALL, ['marker', 'number', 'title'], ['marker', 'number', 'kind'], ['number', 'kind', 'title'], ['marker', 'kind', 'title'], ['marker', 'number'], ['marker', 'kind'], ['number', 'kind']];

export const splitEngine: Engine = async (doc: LoadedDocument, params: Record<string, unknown>, ctx: EngineContext): Promise<EngineResult> => {
  const subdocs = readSubdocuments(params.subdocuments);
  const n = typeof params.n_consensus === 'number' && params.n_consensus >= 1 ? Math.min(16, Math.floor(params.n_consensus)) : 1;
  const total = doc.pages.length;
  const signals: PageSignals[] = [];
  ctx.progress('reading pages', 0, total, 'pages');
  for (const page of doc.pages) {
    checkpoint(ctx.signal);
    signals.push(pageSignals(doc, page, subdocs));
    ctx.progress('reading pages', signals.length, total, 'pages');
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  checkpoint(ctx.signal);
  if (total === 0) return { output: [], consensus: { choices: [], likelihoods: [] } };
  if (n === 1) {
    const segments = buildSegments(doc, decideBoundaries(signals), subdocs);
    return { output: toOutput(segments), consensus: { choices: [], likelihoods: toLikelihoods(segments) } };
  }
  const votes = Array.from({ length: n }, (_, i) => decideBoundaries(signals, new Set(VARIANTS[i % VARIANTS.length])));
  const choices = votes.map((b) => toOutput(buildSegments(doc, b, subdocs)));
  checkpoint(ctx.signal);
  const agreed: Boundary[] = signals.map((s, i) => {
    const yes = votes.filter((v) => v[i].start).length;
    const start = i === 0 || yes * 2 > n || (yes * 2 === n && votes[0][i].start);
    return { page: s.page, start, confidence: (start ? yes : n - yes) / n, reasons: [] };
  });
  const segments = buildSegments(doc, agreed, subdocs);
  return { output: toOutput(segments), consensus: { choices, likelihoods: toLikelihoods(segments) } };
};

function toOutput(segments: Segment[]): { name: string; pages: number[] }[] {
  return segments.map((s) => ({ name: s.name, pages: s.pages }));
}

function toLikelihoods(segments: Segment[]): { name: number; pages: number[] }[] {
  return segments.map((s) => ({ name: s.nameLikelihood, pages: s.pageLikelihoods.map((p) => Math.round(p * 100) / 100) }));
}

function readSubdocuments(value: unknown): Subdocument[] {
  if (!Array.isArray(value) || value.length === 0) throw new RunFailure('invalid_request', 'subdocuments must be a non-empty list of {name, description, allow_multiple_instances}');
  return value.map((raw, i) => {
    const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    if (typeof s.name !== 'string' || s.name.trim() === '') throw new RunFailure('invalid_request', `subdocuments[${i}].name must be a non-empty string`);
    const profile = profileCategory({ name: s.name, description: typeof s.description === 'string' ? s.description : '' });
    return { ...profile, allowMultiple: s.allow_multiple_instances === true };
  });
}
