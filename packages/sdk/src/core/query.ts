// Query-string encoding: undefined/null dropped, arrays as repeated keys, objects as JSON
// (the `metadata` filter is a JSON-encoded object on the wire).
export type QueryValue = string | number | boolean | null | undefined | readonly unknown[] | Record<string, unknown>;

export function buildQuery(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const v of value) if (v !== undefined && v !== null) params.append(key, String(v));
    } else if (typeof value === 'object') {
      params.append(key, JSON.stringify(value));
    } else {
      params.append(key, String(value));
    }
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}
