import { describe, expect, it } from 'vitest';
import { emptyValue, walkSchema } from './schema-walk.ts';

describe('walkSchema', () => {
  it('resolves pydantic-style $defs, anyOf with null and type arrays', () => {
    const root = walkSchema({
      type: 'object',
      $defs: {
        Party: { type: 'object', properties: { name: { type: 'string' }, vatId: { anyOf: [{ type: 'string' }, { type: 'null' }] } } },
        Line: { type: 'object', properties: { unit_price: { type: ['number', 'null'] }, quantity: { type: 'integer' } } },
      },
      properties: {
        invoice_number: { type: 'string', description: 'The invoice number' },
        issue_date: { type: 'string', format: 'date' },
        vendor: { $ref: '#/$defs/Party' },
        paid: { type: 'boolean' },
        kind: { enum: ['invoice', 'receipt', null] },
        line_items: { type: 'array', items: { $ref: '#/$defs/Line' } },
        tags: { type: 'array', items: { type: 'string' } },
      },
    });
    const byKey = Object.fromEntries(root.properties!.map((p) => [p.key, p]));
    expect(byKey.invoice_number).toMatchObject({ kind: 'leaf', type: 'string', words: ['invoice', 'number'], description: 'The invoice number' });
    expect(byKey.issue_date).toMatchObject({ kind: 'leaf', format: 'date' });
    expect(byKey.vendor.kind).toBe('object');
    const vat = byKey.vendor.properties!.find((p) => p.key === 'vatId')!;
    expect(vat).toMatchObject({ nullable: true, words: ['vat', 'id'], context: [['vendor']] });
    expect(byKey.paid.type).toBe('boolean');
    expect(byKey.kind).toMatchObject({ enum: ['invoice', 'receipt'], nullable: true });
    expect(byKey.line_items.kind).toBe('array');
    expect(byKey.line_items.items!.properties!.map((p) => [p.key, p.type, p.nullable])).toEqual([
      ['unit_price', 'number', true],
      ['quantity', 'integer', false],
    ]);
    expect(byKey.tags.items).toMatchObject({ kind: 'leaf', type: 'string' });
    expect(emptyValue(root)).toEqual({ invoice_number: null, issue_date: null, vendor: { name: null, vatId: null }, paid: null, kind: null, line_items: [], tags: [] });
  });
});
