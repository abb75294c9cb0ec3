// Turns a JSON Schema into a tree of fields the extractor resolves: objects, arrays and typed leaves,
// with $ref/$defs, allOf, anyOf/oneOf with null, and type arrays such as ["string","null"] resolved.
import { nameWords } from './normalize.ts';

export type LeafType = 'string' | 'number' | 'integer' | 'boolean';

export interface SchemaNode {
  /** Property name ('' for the root, the parent's name for array items). */
  key: string;
  words: string[];
  description: string;
  /** Name words of the enclosing properties, nearest first. */
  context: string[][];
  nullable: boolean;
  kind: 'object' | 'array' | 'leaf';
  type?: LeafType;
  format?: string;
  enum?: unknown[];
  properties?: SchemaNode[];
  items?: SchemaNode;
}

type Json = Record<string, unknown>;
const MAX_DEPTH = 12;

/** Walk `schema` (the json_schema request parameter). The root is expected to be an object. */
export function walkSchema(schema: unknown): SchemaNode {
  const root = isObj(schema) ? schema : {};
  return walk(root, root, '', [], 0);
}

function walk(raw: Json, root: Json, key: string, context: string[][], depth: number): SchemaNode {
  const { schema, nullable } = resolve(raw, root, 0);
  const description = [str(raw.description) ?? str(schema.description), str(raw.title) ?? str(schema.title)].filter(Boolean).join('. ');
  const base = { key, words: nameWords(key), description, context, nullable };
  const type = pickType(schema);
  if (depth < MAX_DEPTH && (type === 'object' || isObj(schema.properties))) {
    const props = isObj(schema.properties) ? schema.properties : {};
    const childContext = key ? [nameWords(key), ...context] : context;
    const properties = Object.entries(props).map(([k, v]) => walk(isObj(v) ? v : {}, root, k, childContext, depth + 1));
    return { ...base, kind: 'object', properties };
  }
  if (depth < MAX_DEPTH && (type === 'array' || schema.items !== undefined)) {
    const itemsRaw = isObj(schema.items) ? schema.items : {};
    const items = walk(itemsRaw, root, key, context, depth + 1);
    return { ...base, kind: 'array', items };
  }
  const leafType: LeafType = type === 'number' || type === 'integer' || type === 'boolean' ? type : 'string';
  const enumValues = Array.isArray(schema.enum) ? schema.enum.filter((v) => v !== null) : schema.const !== undefined ? [schema.const] : undefined;
  return {
    ...base,
    nullable: nullable || (Array.isArray(schema.enum) && schema.enum.includes(null)),
    kind: 'leaf',
    type: leafType,
    format: str(schema.format) ?? undefined,
    enum: enumValues,
  };
}

/** Follow $ref, merge allOf, and pick the non-null branch of anyOf/oneOf. */
function resolve(raw: Json, root: Json, depth: number): { schema: Json; nullable: boolean } {
  let schema = raw;
  let nullable = false;
  if (depth > MAX_DEPTH) return { schema, nullable };
  if (typeof schema.$ref === 'string') {
    const target = lookupRef(root, schema.$ref);
    const { $ref: _ignored, ...rest } = schema;
    const inner = resolve(target, root, depth + 1);
    schema = { ...inner.schema, ...rest };
    nullable ||= inner.nullable;
  }
  if (Array.isArray(schema.allOf)) {
    let merged: Json = {};
    for (const part of schema.allOf) if (isObj(part)) merged = { ...merged, ...resolve(part, root, depth + 1).schema };
    const { allOf: _a, ...rest } = schema;
    schema = { ...merged, ...rest };
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const variants = schema[key];
    if (!Array.isArray(variants)) continue;
    const nonNull = variants.filter((v) => isObj(v) && v.type !== 'null');
    if (nonNull.length < variants.length) nullable = true;
    const { [key]: _v, ...rest } = schema;
    if (nonNull.length > 0) {
      const inner = resolve(nonNull[0] as Json, root, depth + 1);
      schema = { ...inner.schema, ...rest };
      nullable ||= inner.nullable;
    } else {
      schema = rest;
    }
  }
  if (Array.isArray(schema.type) && schema.type.includes('null')) nullable = true;
  return { schema, nullable };
}

function pickType(schema: Json): string | undefined {
  const t = schema.type;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return t.find((x): x is string => typeof x === 'string' && x !== 'null');
  return undefined;
}

function lookupRef(root: Json, ref: string): Json {
  if (!ref.startsWith('#')) return {};
  let cur: unknown = root;
  for (const part of ref.slice(1).split('/').filter(Boolean)) {
    const p = part.replace(/~1/g, '/').replace(/~0/g, '~');
    cur = isObj(cur) ? cur[p] : undefined;
  }
  return isObj(cur) ? cur : {};
}

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

/** The output shape for a node when nothing is found: null leaves, empty arrays, objects of nulls. */
export function emptyValue(node: SchemaNode): unknown {
  if (node.kind === 'array') return [];
  if (node.kind === 'object') return Object.fromEntries((node.properties ?? []).map((p) => [p.key, emptyValue(p)]));
  return null;
}
