// Retab positional create(...) arguments → wire params, per primitive and layout.
import { describe, expect, it } from 'vitest';
import { mapCreateArgs } from './positional.ts';

const doc = { filename: 'a.pdf', url: 'https://x/a.pdf' };
const schema = { type: 'object', properties: { total: { type: 'number' } } };
const u = undefined;

describe('mapCreateArgs (@retab/node 1.0.149–1.0.156)', () => {
  it('maps the documented background call: document, schema, model, undefined×6, false, true', () => {
    expect(mapCreateArgs('extractions', [doc, schema, 'retab-small', u, u, u, u, u, u, false, true])).toEqual({
      document: doc, json_schema: schema, model: 'retab-small', stream: false, background: true,
    });
  });

  it('maps every extraction position', () => {
    const args = [doc, schema, 'retab-large', 192, 'be brief', 3, { batch: 'b1' }, [{ role: 'user', content: 'hi' }], true, false, true, { items: 'id' }];
    expect(mapCreateArgs('extractions', args)).toEqual({
      document: doc, json_schema: schema, model: 'retab-large', image_resolution_dpi: 192, instructions: 'be brief',
      n_consensus: 3, metadata: { batch: 'b1' }, additional_messages: [{ role: 'user', content: 'hi' }], bust_cache: true,
      stream: false, background: true, chunking_keys: { items: 'id' },
    });
  });

  it('maps parses, classifications, splits, partitions and edits', () => {
    expect(mapCreateArgs('parses', [doc, 'retab-small', 'markdown', 96, 'ins', true, true])).toEqual({
      document: doc, model: 'retab-small', table_parsing_format: 'markdown', image_resolution_dpi: 96, instructions: 'ins', bust_cache: true, background: true,
    });
    const cats = [{ name: 'invoice', description: 'bills' }];
    expect(mapCreateArgs('classifications', [doc, cats, u, 2, u, 3, u, true])).toEqual({
      document: doc, categories: cats, first_n_pages: 2, n_consensus: 3, background: true,
    });
    const subs = [{ name: 'invoice' }];
    expect(mapCreateArgs('splits', [doc, subs, 'retab-micro', 'x', 2, false, true])).toEqual({
      document: doc, subdocuments: subs, model: 'retab-micro', instructions: 'x', n_consensus: 2, bust_cache: false, background: true,
    });
    expect(mapCreateArgs('partitions', [doc, 'invoice number', 'one per invoice', u, u, false, u, true])).toEqual({
      document: doc, key: 'invoice number', instructions: 'one per invoice', allow_overlap: false, background: true,
    });
    expect(mapCreateArgs('edits', ['Name: Jane', u, 'tpl_1', u, { color: '#ff0000' }, u, true])).toEqual({
      instructions: 'Name: Jane', template_id: 'tpl_1', config: { color: '#ff0000' }, background: true,
    });
  });

  it('accepts a single options object in camelCase or snake_case', () => {
    expect(mapCreateArgs('extractions', [{ document: doc, jsonSchema: schema, nConsensus: 2, background: true }])).toEqual({
      document: doc, json_schema: schema, n_consensus: 2, background: true,
    });
    expect(mapCreateArgs('parses', [{ document: doc, table_parsing_format: 'json' }])).toEqual({ document: doc, table_parsing_format: 'json' });
    expect(mapCreateArgs('edits', [{ instructions: 'x', templateId: 't' }])).toEqual({ instructions: 'x', template_id: 't' });
    // A lone MIMEData or file path is a positional document, not an options object.
    expect(mapCreateArgs('parses', [doc])).toEqual({ document: doc });
    expect(mapCreateArgs('parses', ['/tmp/a.pdf'])).toEqual({ document: '/tmp/a.pdf' });
  });

  it('rejects calls written for the ≥1.0.157 order instead of shifting flags silently', () => {
    expect(() => mapCreateArgs('extractions', [doc, schema, 'retab-small', 'instructions here'])).toThrow(/1\.0\.157/);
    expect(() => mapCreateArgs('parses', [doc, 'retab-small', 'html', 'instructions'])).toThrow(/imageResolutionDpi/);
    expect(() => mapCreateArgs('extractions', [doc, schema, u, u, u, u, u, false, true])).toThrow(/additionalMessages/);
    expect(() => mapCreateArgs('splits', [doc, [], u, u, u, u, u, u])).toThrow(/at most 7/);
  });
});

describe("mapCreateArgs layout 'v1.0.157'", () => {
  it('drops imageResolutionDpi for extractions and parses', () => {
    expect(mapCreateArgs('extractions', [doc, schema, 'retab-small', u, u, u, u, u, false, true], 'v1.0.157')).toEqual({
      document: doc, json_schema: schema, model: 'retab-small', stream: false, background: true,
    });
    expect(mapCreateArgs('parses', [doc, u, 'yaml', 'ins', u, true], 'v1.0.157')).toEqual({
      document: doc, table_parsing_format: 'yaml', instructions: 'ins', background: true,
    });
    expect(mapCreateArgs('splits', [doc, [{ name: 'a' }], u, u, u, u, true], 'v1.0.157')).toMatchObject({ background: true });
  });
});
