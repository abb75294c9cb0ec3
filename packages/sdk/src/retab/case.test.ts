// camelCase aliases on returned resources: readable, non-enumerable, timestamps as Dates.
import { describe, expect, it } from 'vitest';
import { keysToSnake, withCamelAliases } from './case.ts';

describe('withCamelAliases', () => {
  it('adds hidden camelCase aliases without changing the wire object', () => {
    const wire = {
      id: 'extr_1', object: 'extraction', json_schema: { type: 'object' }, n_consensus: 1,
      file: { id: 'file_1', filename: 'a.pdf', mime_type: 'application/pdf' },
      created_at: '2026-01-01T00:00:00.000Z', completed_at: null, status: 'completed', output: { total_amount: 3 },
    };
    const json = JSON.stringify(wire);
    const r = withCamelAliases(wire);
    expect(r.jsonSchema).toEqual({ type: 'object' });
    expect(r.nConsensus).toBe(1);
    expect(r.createdAt).toBeInstanceOf(Date);
    expect(r.createdAt?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(r.completedAt).toBeNull();
    expect((r.file as unknown as { mimeType: string }).mimeType).toBe('application/pdf');
    expect(JSON.stringify(r)).toBe(json);
    expect(Object.keys(r)).not.toContain('createdAt');
    expect('totalAmount' in r.output).toBe(false); // user schema output is never touched
  });

  it('aliases edit output fields', () => {
    const r = withCamelAliases({ object: 'edit', output: { form_data: [], filled_document: null } });
    expect((r.output as unknown as { formData: unknown[] }).formData).toEqual([]);
  });
});

describe('keysToSnake', () => {
  it('converts camelCase keys and keeps snake_case ones', () => {
    expect(keysToSnake({ fromDate: '2026-01-01', filename_contains: 'x', documentType: ['pdf'], skip: undefined })).toEqual({
      from_date: '2026-01-01', filename_contains: 'x', document_type: ['pdf'],
    });
  });
});
