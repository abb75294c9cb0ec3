// Reconciles N model answers into one output plus likelihoods that mirror it. Written against a small
// interface (`Reconcile`) so the shared consensus module (engines/consensus/, in progress elsewhere) can
// replace the fallback below without touching the LLM engines. The fallback votes field by field:
// objects recursively, arrays element-wise after a majority length, numbers within 3 %, strings by a
// normalised view; null counts as a vote. Likelihood = the winning share.

export type Reconcile = (outputs: unknown[], schema?: unknown) => { output: unknown; likelihoods: unknown };

export const reconcile: Reconcile = (outputs) => vote(outputs);

function vote(values: unknown[]): { output: unknown; likelihoods: unknown } {
  const n = values.length;
  if (n === 0) return { output: null, likelihoods: null };
  const objs = values.filter(isObject);
  if (objs.length > n / 2) {
    const keys = [...new Set(objs.flatMap((o) => Object.keys(o)))];
    const output: Record<string, unknown> = {};
    const likelihoods: Record<string, unknown> = {};
    for (const k of keys) {
      const r = vote(values.map((v) => (isObject(v) ? (v[k] ?? null) : null)));
      output[k] = r.output;
      likelihoods[k] = r.likelihoods;
    }
    return { output, likelihoods };
  }
  const arrays = values.filter(Array.isArray);
  if (arrays.length > n / 2) {
    const len = winner(arrays.map((a) => a.length), (x) => String(x)).value as number;
    const output: unknown[] = [];
    const likelihoods: unknown[] = [];
    for (let i = 0; i < len; i++) {
      const r = vote(values.map((v) => (Array.isArray(v) ? (v[i] ?? null) : null)));
      output.push(r.output);
      likelihoods.push(r.likelihoods);
    }
    return { output, likelihoods };
  }
  const w = winner(values, scalarKey, numbersClose);
  return { output: w.value, likelihoods: round(w.count / n) };
}

function winner(values: unknown[], key: (v: unknown) => string, same?: (a: unknown, b: unknown) => boolean): { value: unknown; count: number } {
  const groups: { rep: unknown; key: string; count: number }[] = [];
  for (const v of values) {
    const k = key(v);
    const g = groups.find((x) => x.key === k || (same?.(x.rep, v) ?? false));
    if (g) g.count++;
    else groups.push({ rep: v, key: k, count: 1 });
  }
  // Most votes wins; on a tie a non-null value beats null, then the earliest answer.
  groups.sort((a, b) => b.count - a.count || Number(a.rep === null) - Number(b.rep === null));
  return { value: groups[0].rep, count: groups[0].count };
}

function scalarKey(v: unknown): string {
  if (typeof v === 'string') return `s:${v.normalize('NFKC').toLowerCase().replace(/[\s.,;:_-]+/g, ' ').trim()}`;
  return `j:${JSON.stringify(v)}`;
}

function numbersClose(a: unknown, b: unknown): boolean {
  if (typeof a !== 'number' || typeof b !== 'number') return false;
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 || Math.abs(a - b) / scale <= 0.03;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
