// The user's JSON Schema converted to the strict subset structured outputs accept (every property
// required, optional ones nullable, additionalProperties false, $refs inlined, unsupported keywords dropped
// — constraints the model should still respect are moved into the description), plus the map back from
// a strict answer to the user's shape: free-form maps travel as [{key, value}] lists and untyped values as
// JSON strings.

type Json = Record<string, unknown>;

/** How to turn the strict answer back into the user's shape. */
export type Plan =
  | { kind: 'same' }
  | { kind: 'object'; props: Record<string, Plan> }
  | { kind: 'array'; items: Plan }
  | { kind: 'map'; value: Plan }
  | { kind: 'json' };

const KEEP_AS_HINT = ['format', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'minItems', 'maxItems'];
const SAME: Plan = { kind: 'same' };
const MAX_DEPTH = 12;

export function toStrictSchema(schema: Json): { schema: Json; plan: Plan } {
  const defs = { ...((schema.$defs as Json) ?? {}), ...((schema.definitions as Json) ?? {}) };
  return convert(schema, defs, 0, false);
}

function convert(node: Json, defs: Json, depth: number, nullable: boolean): { schema: Json; plan: Plan } {
  if (depth > MAX_DEPTH) return jsonString(node, nullable); // recursive schemas end as JSON text
  if (typeof node.$ref === 'string') {
    const target = resolveRef(node.$ref, defs);
    const merged = { ...(target ?? {}), ...node };
    delete merged.$ref;
    if (!target) return jsonString(node, nullable);
    return convert(merged, defs, depth + 1, nullable);
  }
  if (Array.isArray(node.allOf)) {
    const merged = mergeAllOf(node);
    return convert(merged, defs, depth + 1, nullable);
  }
  const base: Json = {};
  const hint = hintOf(node);
  if (hint) base.description = hint;
  else if (typeof node.description === 'string') base.description = node.description;
  if (typeof node.title === 'string') base.title = node.title;

  const variants = (node.anyOf ?? node.oneOf) as Json[] | undefined;
  if (Array.isArray(variants)) {
    const opts = variants.map((v) => convert(v, defs, depth + 1, false));
    const anyOf = opts.map((o) => o.schema);
    if (nullable && !anyOf.some((s) => s.type === 'null')) anyOf.push({ type: 'null' });
    // Mapping back through a union is only exact when no branch needs it.
    const plan = opts.every((o) => o.plan.kind === 'same') ? SAME : { kind: 'json' as const };
    if (plan.kind === 'json') return jsonString(node, nullable);
    return { schema: { ...base, anyOf }, plan };
  }

  const types = typeList(node);
  const main = types.filter((t) => t !== 'null');
  const isNullable = nullable || types.includes('null');
  if (Array.isArray(node.enum) || node.const !== undefined) {
    const values = Array.isArray(node.enum) ? [...node.enum] : [node.const];
    if (isNullable && !values.includes(null)) values.push(null);
    const s: Json = { ...base, enum: values };
    if (main.length) s.type = isNullable ? [...main, 'null'] : main.length === 1 ? main[0] : main;
    return { schema: s, plan: SAME };
  }
  if (main.length > 1) return jsonString(node, isNullable);
  const t = main[0];
  if (t === 'object') {
    const props = (node.properties ?? {}) as Record<string, Json>;
    const keys = Object.keys(props);
    if (keys.length === 0) {
      if (isObject(node.additionalProperties)) {
        const value = convert(node.additionalProperties, defs, depth + 1, false);
        const entry = { type: 'object', properties: { key: { type: 'string' }, value: value.schema }, required: ['key', 'value'], additionalProperties: false };
        return { schema: { ...base, type: isNullable ? ['array', 'null'] : 'array', items: entry }, plan: { kind: 'map', value: value.plan } };
      }
      return jsonString(node, isNullable);
    }
    const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
    const outProps: Json = {};
    const plans: Record<string, Plan> = {};
    for (const k of keys) {
      const c = convert(isObject(props[k]) ? props[k] : {}, defs, depth + 1, !required.has(k));
      outProps[k] = c.schema;
      plans[k] = c.plan;
    }
    const s: Json = { ...base, type: isNullable ? ['object', 'null'] : 'object', properties: outProps, required: keys, additionalProperties: false };
    return { schema: s, plan: Object.values(plans).every((p) => p.kind === 'same') ? SAME : { kind: 'object', props: plans } };
  }
  if (t === 'array') {
    if (!isObject(node.items)) return jsonString(node, isNullable);
    const items = convert(node.items, defs, depth + 1, false);
    return { schema: { ...base, type: isNullable ? ['array', 'null'] : 'array', items: items.schema }, plan: items.plan.kind === 'same' ? SAME : { kind: 'array', items: items.plan } };
  }
  if (t === 'string' || t === 'number' || t === 'integer' || t === 'boolean') {
    return { schema: { ...base, type: isNullable ? [t, 'null'] : t }, plan: SAME };
  }
  return jsonString(node, isNullable);
}

/** The strict answer mapped back to the user's shape. */
export function fromStrict(value: unknown, plan: Plan): unknown {
  if (value === null || value === undefined) return value ?? null;
  switch (plan.kind) {
    case 'same':
      return value;
    case 'json':
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value);
      } catch {
        return value;
      }
    case 'object': {
      if (!isObject(value)) return value;
      const out: Json = {};
      for (const [k, v] of Object.entries(value)) out[k] = plan.props[k] ? fromStrict(v, plan.props[k]) : v;
      return out;
    }
    case 'array':
      return Array.isArray(value) ? value.map((v) => fromStrict(v, plan.items)) : value;
    case 'map': {
      if (!Array.isArray(value)) return value;
      const out: Json = {};
      for (const e of value) if (isObject(e) && typeof e.key === 'string') out[e.key] = fromStrict(e.value, plan.value);
      return out;
    }
  }
}

function jsonString(node: Json, nullable: boolean): { schema: Json; plan: Plan } {
  const what = typeof node.description === 'string' ? `${node.description} ` : '';
  return { schema: { type: nullable ? ['string', 'null'] : 'string', description: `${what}(a JSON-encoded value)`.trim() }, plan: { kind: 'json' } };
}

function typeList(node: Json): string[] {
  if (typeof node.type === 'string') return [node.type];
  if (Array.isArray(node.type)) return node.type.filter((t): t is string => typeof t === 'string');
  if (isObject(node.properties) || isObject(node.additionalProperties)) return ['object'];
  if (isObject(node.items)) return ['array'];
  return [];
}

function hintOf(node: Json): string | null {
  const hints = KEEP_AS_HINT.filter((k) => node[k] !== undefined).map((k) => `${k}: ${JSON.stringify(node[k])}`);
  if (!hints.length) return null;
  const d = typeof node.description === 'string' ? `${node.description} ` : '';
  return `${d}(${hints.join('; ')})`;
}

function resolveRef(ref: string, defs: Json): Json | null {
  const m = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref);
  if (!m) return null;
  const d = defs[m[1].replace(/~1/g, '/').replace(/~0/g, '~')];
  return isObject(d) ? d : null;
}

function mergeAllOf(node: Json): Json {
  const out: Json = { ...node };
  delete out.allOf;
  const props: Json = { ...((node.properties as Json) ?? {}) };
  const required = new Set<string>(Array.isArray(node.required) ? (node.required as string[]) : []);
  for (const part of node.allOf as Json[]) {
    if (!isObject(part)) continue;
    Object.assign(props, (part.properties as Json) ?? {});
    for (const r of (part.required as string[]) ?? []) required.add(r);
    if (part.type && !out.type) out.type = part.type;
  }
  if (Object.keys(props).length) {
    out.properties = props;
    out.type ??= 'object';
  }
  out.required = [...required];
  return out;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
