// Resolves a schema node against the document: objects field by field (children see their parent's name as
// context), arrays of objects from line-item tables, arrays of scalars from every labelled value, leaves
// through label matching. Returns the value and a likelihoods tree of the same shape.
import { buildFieldSpec } from './field-spec.ts';
import { extractRows } from './line-items.ts';
import { candidatesFromHit } from './candidates.ts';
import { findLabelHits } from './label-search.ts';
import { preferredCandidates } from './readings.ts';
import { resolveLeaf, type ExtractContext } from './resolve-leaf.ts';
import type { SchemaNode } from './schema-walk.ts';

export interface NodeResult {
  value: unknown;
  likelihood: unknown;
}

export function resolveNode(node: SchemaNode, ctx: ExtractContext): NodeResult {
  if (node.kind === 'object') {
    const value: Record<string, unknown> = {};
    const likelihood: Record<string, unknown> = {};
    for (const child of node.properties ?? []) {
      const r = resolveNode(child, ctx);
      value[child.key] = r.value;
      likelihood[child.key] = r.likelihood;
    }
    return { value, likelihood };
  }
  if (node.kind === 'array') return resolveArray(node, ctx);
  const r = resolveLeaf(buildFieldSpec(node), ctx);
  return { value: finishLeaf(node, r.value), likelihood: r.value === null ? 0 : r.likelihood };
}

function resolveArray(node: SchemaNode, ctx: ExtractContext): NodeResult {
  const items = node.items;
  if (!items) return { value: [], likelihood: [] };
  if (items.kind === 'object') {
    const rows = extractRows(items, ctx);
    return { value: rows.map((r) => r.value), likelihood: rows.map((r) => r.likelihood) };
  }
  if (items.kind === 'array') return { value: [], likelihood: [] };
  // Array of scalars: every distinct value announced by the field's labels, in document order.
  const spec = buildFieldSpec({ ...items, key: node.key, words: node.words, description: node.description, context: node.context });
  const values: unknown[] = [];
  const likelihoods: number[] = [];
  const found = findLabelHits(ctx.index, spec, ctx.cache).flatMap((hit) => candidatesFromHit(hit, spec, ctx.index, ctx.cache));
  for (const c of preferredCandidates(found, ctx.reading)) {
    const v = finishLeaf(items, c.value);
    if (v === null || values.some((x) => JSON.stringify(x) === JSON.stringify(v))) continue;
    values.push(v);
    likelihoods.push(Math.round(Math.min(0.9, 0.3 + 0.15 * c.score) * 100) / 100);
  }
  return { value: values, likelihood: likelihoods };
}

/** Make a found value fit the leaf's JSON type (a number field stays a number, a string field a string). */
export function finishLeaf(node: SchemaNode, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (node.type) {
    case 'integer':
      return typeof value === 'number' ? (Number.isInteger(value) ? value : null) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    default:
      if (node.enum && node.enum.length > 0) return node.enum.includes(value) ? value : null;
      return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
  }
}
