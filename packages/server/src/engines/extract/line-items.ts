// Arrays of objects (line items) from table layouts. Placeholder replaced below.
import type { ExtractContext } from './resolve-leaf.ts';
import type { SchemaNode } from './schema-walk.ts';

export interface RowResult {
  value: Record<string, unknown>;
  likelihood: Record<string, unknown>;
}

export function extractRows(_items: SchemaNode, _ctx: ExtractContext): RowResult[] {
  return [];
}
