// Reconciles N outputs of one schema into one: objects key by key (recursively), arrays aligned first and
// then voted element by element (an item kept by a minority of votes is dropped), scalars by the rules of
// scalars.ts. `likelihoods` mirrors the output: a number per scalar (the winning share of the N votes), an
// object per object, one entry per output item for arrays. An absent value counts as a `null` vote.
import { alignArrays } from './align.ts';
import { scalarSimilarity, voteScalar } from './scalars.ts';
import { schemaInfo, type SchemaInfo, type ValueKind } from './schema-kind.ts';

export interface ReconcileOptions {
  /** The JSON Schema the outputs follow: gives property order, item schemas and how to compare leaves. */
  schema?: unknown;
}

export interface Reconciled {
  value: unknown;
  likelihoods: unknown;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function reconcile(outputs: unknown[], opts: ReconcileOptions = {}): Reconciled {
  if (outputs.length === 0) return { value: null, likelihoods: null };
  return reconcileNode(outputs.map((v) => v ?? null), opts.schema, opts.schema);
}

export function roundLikelihood(x: number): number {
  return Math.round(x * 100) / 100;
}

function reconcileNode(values: unknown[], schema: unknown, root: unknown): Reconciled {
  const info = schemaInfo(schema, root);
  const kind = info.kind === 'unknown' ? inferKind(values) : info.kind;
  if (kind === 'object') return reconcileObject(values, info, root);
  if (kind === 'array') return reconcileArray(values, info, root);
  const vote = voteScalar(values, kind);
  return { value: vote.value, likelihoods: roundLikelihood(vote.share) };
}

function inferKind(values: unknown[]): ValueKind {
  const present = values.filter((v) => v !== null);
  if (present.length === 0) return 'unknown';
  if (present.filter(isObj).length * 2 > present.length) return 'object';
  if (present.filter(Array.isArray).length * 2 > present.length) return 'array';
  return 'unknown';
}

/** More votes without a container than with one: the container itself is voted absent. */
function absentByMajority(values: unknown[], has: (v: unknown) => boolean): Reconciled | null {
  const with_ = values.filter(has).length;
  if (with_ * 2 >= values.length) return null;
  return { value: null, likelihoods: roundLikelihood((values.length - with_) / values.length) };
}

function reconcileObject(values: unknown[], info: SchemaInfo, root: unknown): Reconciled {
  const absent = absentByMajority(values, isObj);
  if (absent) return absent;
  const schemas = new Map(info.properties);
  const keys = [...schemas.keys()];
  for (const v of values) if (isObj(v)) for (const k of Object.keys(v)) if (!keys.includes(k)) keys.push(k);
  const value: Obj = {};
  const likelihoods: Obj = {};
  for (const key of keys) {
    const r = reconcileNode(values.map((v) => (isObj(v) ? (v[key] ?? null) : null)), schemas.get(key), root);
    value[key] = r.value;
    likelihoods[key] = r.likelihoods;
  }
  return { value, likelihoods };
}

function reconcileArray(values: unknown[], info: SchemaInfo, root: unknown): Reconciled {
  const absent = absentByMajority(values, Array.isArray);
  if (absent) return absent;
  const n = values.length;
  const lists = values.map((v) => (Array.isArray(v) ? v : []));
  const slots = alignArrays(lists, (a, b) => itemSimilarity(a, b, info.items, root));
  const value: unknown[] = [];
  const likelihoods: unknown[] = [];
  for (const slot of slots) {
    // An item needs a majority of the votes; on an even split the first vote decides.
    if (!(slot.present * 2 > n || (slot.present * 2 === n && slot.entries[0] !== undefined))) continue;
    const r = reconcileNode(slot.entries.map((e) => (e === undefined ? null : e)), info.items, root);
    value.push(r.value);
    likelihoods.push(r.likelihoods);
  }
  return { value, likelihoods };
}

/** How alike two array items are: the mean similarity of their scalar fields (fields null on both sides are
 *  left out), or of the scalars themselves. */
export function itemSimilarity(a: unknown, b: unknown, schema?: unknown, root?: unknown): number {
  if (isObj(a) && isObj(b)) {
    const info = schemaInfo(schema, root);
    const schemas = new Map(info.properties);
    let sum = 0;
    let count = 0;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = a[key] ?? null;
      const y = b[key] ?? null;
      if (x === null && y === null) continue;
      if (Array.isArray(x) || Array.isArray(y)) continue;
      sum += isObj(x) || isObj(y) ? itemSimilarity(x, y, schemas.get(key), root) : scalarSimilarity(x, y, schemaInfo(schemas.get(key), root).kind);
      count++;
    }
    return count === 0 ? 1 : sum / count;
  }
  if (isObj(a) || isObj(b) || Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b) ? 1 : 0;
  return scalarSimilarity(a, b, schemaInfo(schema, root).kind);
}
