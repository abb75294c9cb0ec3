// Reads what the consensus needs from a JSON Schema node: the value's kind (object, array, number, boolean,
// a string compared loosely, or an exact string such as an enum or a date), object property order and the
// item schema. Follows local $refs and the non-null branch of anyOf/oneOf and of type lists.
export type ValueKind = 'object' | 'array' | 'number' | 'boolean' | 'string' | 'exact' | 'unknown';

export interface SchemaInfo {
  kind: ValueKind;
  properties: [string, unknown][];
  items: unknown;
}

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function schemaInfo(node: unknown, root: unknown): SchemaInfo {
  const s = resolve(node, root, 0);
  if (!s) return { kind: 'unknown', properties: [], items: undefined };
  const types = (Array.isArray(s.type) ? s.type : [s.type]).filter((t) => typeof t === 'string' && t !== 'null') as string[];
  const type = types[0] ?? (isObj(s.properties) ? 'object' : s.items !== undefined ? 'array' : undefined);
  const properties = isObj(s.properties) ? Object.entries(s.properties) : [];
  switch (type) {
    case 'object':
      return { kind: 'object', properties, items: undefined };
    case 'array':
      return { kind: 'array', properties: [], items: s.items };
    case 'number':
    case 'integer':
      return { kind: 'number', properties: [], items: undefined };
    case 'boolean':
      return { kind: 'boolean', properties: [], items: undefined };
    case 'string': {
      const exact = Array.isArray(s.enum) || typeof s.format === 'string' || s.const !== undefined;
      return { kind: exact ? 'exact' : 'string', properties: [], items: undefined };
    }
    default:
      return { kind: Array.isArray(s.enum) ? 'exact' : 'unknown', properties: [], items: undefined };
  }
}

function resolve(node: unknown, root: unknown, depth: number): Json | null {
  if (!isObj(node) || depth > 20) return null;
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
    let target: unknown = root;
    for (const part of node.$ref.slice(2).split('/')) target = isObj(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    return resolve(target, root, depth + 1);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const branches = node[key];
    if (!Array.isArray(branches)) continue;
    const branch = branches.map((b) => resolve(b, root, depth + 1)).find((b) => b !== null && b.type !== 'null');
    if (branch) return { ...node, ...branch, [key]: undefined };
  }
  return node;
}
