// Table rendering in all four formats, with escaping and YAML quoting checked by reading the output back.
import { describe, expect, it } from 'vitest';
import type { Table } from '../documents/types.ts';
import { asRecords, renderTable, yamlScalar } from './table-render.ts';

const table: Table = {
  rows: [
    ['Item', 'Qty', 'Note'],
    ['A|B <x>', '2', 'yes'],
    ['Line "two"', '', 'a: b # c'],
  ],
  hasHeader: true,
  lineStart: 0,
  lineEnd: 3,
};

describe('renderTable', () => {
  it('markdown escapes pipes and has a separator row', () => {
    const md = renderTable(table, 'markdown').split('\n');
    expect(md[0]).toBe('| Item | Qty | Note |');
    expect(md[1]).toBe('| --- | --- | --- |');
    expect(md[2]).toBe('| A\\|B <x> | 2 | yes |');
    expect(md).toHaveLength(4);
  });
  it('markdown without a header keeps every row as data', () => {
    const md = renderTable({ ...table, hasHeader: false }, 'markdown').split('\n');
    expect(md).toHaveLength(5);
    expect(md[2]).toBe('| Item | Qty | Note |');
  });
  it('html escapes and uses th for the header', () => {
    const html = renderTable(table, 'html');
    expect(html).toBe(
      '<table><thead><tr><th>Item</th><th>Qty</th><th>Note</th></tr></thead><tbody><tr><td>A|B &lt;x&gt;</td><td>2</td><td>yes</td></tr><tr><td>Line &quot;two&quot;</td><td></td><td>a: b # c</td></tr></tbody></table>',
    );
    expect(renderTable({ ...table, hasHeader: false }, 'html')).not.toContain('<th>');
  });
  it('json gives records with a header, arrays without', () => {
    expect(JSON.parse(renderTable(table, 'json'))).toEqual([
      { Item: 'A|B <x>', Qty: '2', Note: 'yes' },
      { Item: 'Line "two"', Qty: '', Note: 'a: b # c' },
    ]);
    expect(JSON.parse(renderTable({ ...table, hasHeader: false }, 'json'))).toEqual(table.rows);
  });
  it('yaml quotes what would not read back as the same string', () => {
    expect(renderTable(table, 'yaml')).toBe(['- Item: A|B <x>', '  Qty: "2"', '  Note: "yes"', '- Item: Line "two"', '  Qty: ""', '  Note: "a: b # c"'].join('\n'));
    expect(renderTable({ ...table, hasHeader: false, rows: [['x', '-1']] }, 'yaml')).toBe('- - x\n  - "-1"');
  });
  it('yamlScalar', () => {
    for (const s of ['true', 'No', 'null', '~', '1.5', '1e3', '0x1F', '', ' pad', '- item', '#tag', 'a\nb', '@x', '12:30']) {
      expect(yamlScalar(s)).toBe(JSON.stringify(s));
    }
    for (const s of ['hello world', 'EUR 12,00', 'a:b', 'Total (EUR)', 'Ünïcödé']) expect(yamlScalar(s)).toBe(s);
  });
  it('pads ragged rows and dedupes header keys', () => {
    expect(asRecords([['A', 'A', ''], ['1', '2', '3']])).toEqual([{ A: '1', A_2: '2', column_3: '3' }]);
    expect(renderTable({ rows: [['a', 'b'], ['c']], hasHeader: false, lineStart: 0, lineEnd: 2 }, 'json')).toBe('[["a","b"],["c",""]]');
  });
});
