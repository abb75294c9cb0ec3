// camelCase ⇄ snake_case helpers for the Retab drop-in: options objects and list filters arrive
// camelCase; returned resources gain non-enumerable camelCase aliases of their snake_case fields.

export const toSnake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const toCamel = (k: string): string => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

type CamelCase<S extends string> = S extends `${infer H}_${infer R}` ? `${H}${Capitalize<CamelCase<R>>}` : S;

/** The wire object plus read-only camelCase aliases; `*_at` aliases are `Date`s (as Retab's SDK returns). */
export type WithCamelAliases<T> = T & {
  readonly [K in keyof T as K extends `${string}_${string}` ? CamelCase<K & string> : never]: K extends `${string}_at`
    ? Date | null
    : T[K];
};

/** Shallow: top-level keys converted to snake_case (both spellings accepted). */
export function keysToSnake(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[toSnake(k)] = v;
  return out;
}

/**
 * Adds aliases in place and returns the object. Aliases are non-enumerable getters, so
 * `JSON.stringify` and `console.log` show the wire object unchanged.
 */
export function withCamelAliases<T extends object>(obj: T): WithCamelAliases<T> {
  if (typeof obj !== 'object' || obj === null) return obj as WithCamelAliases<T>;
  const rec = obj as Record<string, unknown>;
  for (const key of Object.keys(rec)) {
    if (!key.includes('_')) continue;
    const alias = toCamel(key);
    if (alias in rec) continue;
    const isTime = key.endsWith('_at');
    Object.defineProperty(rec, alias, {
      enumerable: false,
      configurable: true,
      get: () => (isTime ? toDate(rec[key]) : rec[key]),
    });
  }
  const file = rec.file as Record<string, unknown> | null | undefined;
  if (file && typeof file === 'object' && !('mimeType' in file)) {
    Object.defineProperty(file, 'mimeType', { enumerable: false, configurable: true, get: () => file.mime_type });
  }
  const output = rec.output as Record<string, unknown> | null | undefined;
  if (rec.object === 'edit' && output && typeof output === 'object' && !Array.isArray(output)) {
    for (const key of ['form_data', 'filled_document']) {
      if (key in output && !(toCamel(key) in output)) {
        Object.defineProperty(output, toCamel(key), { enumerable: false, configurable: true, get: () => output[key] });
      }
    }
  }
  return obj as WithCamelAliases<T>;
}

function toDate(v: unknown): Date | null {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}
