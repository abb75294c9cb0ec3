// The consensus rules, one table per rule: booleans by majority, numbers within 3 %, strings by normalised
// views, null as a vote, objects recursively, arrays aligned before voting, schema-aware comparisons.
import { describe, expect, it } from 'vitest';
import { alignArrays, reconcile, sameByViews, stringViews, voteScalar } from '../src/engines/consensus/index.ts';

type Row = [name: string, votes: unknown[], value: unknown, likelihood: unknown];

describe('booleans by majority', () => {
  const rows: Row[] = [
    ['[T,T,F] → true 0.67', [true, true, false], true, 0.67],
    ['[F,F,T] → false 0.67', [false, false, true], false, 0.67],
    ['unanimous', [true, true, true, true], true, 1],
    ['tie goes to the first vote', [false, true], false, 0.5],
    ['[T,null,null] → null 0.67', [true, null, null], null, 0.67],
  ];
  it.each(rows)('%s', (_, votes, value, likelihood) => expect(reconcile(votes)).toEqual({ value, likelihoods: likelihood }));
});

describe('numbers clustered within 3 %', () => {
  const rows: Row[] = [
    ['close values form one cluster', [100, 102, 250], 100, 0.67],
    ['3 % is the limit', [100, 103, 50], 100, 0.67],
    ['beyond 3 % are different answers', [100, 104, 104], 104, 0.67],
    ['largest cluster wins over the first vote', [10, 500, 499, 501], 500, 0.75],
    ['the medoid of the cluster is the answer', [99, 100, 101, 7], 100, 0.75],
    ['zero equals zero', [0, 0, 1], 0, 0.67],
    ['all different: the first vote, share 1/3', [1, 2, 3], 1, 0.33],
  ];
  it.each(rows)('%s', (_, votes, value, likelihood) => expect(reconcile(votes)).toEqual({ value, likelihoods: likelihood }));
});

describe('strings by normalised views', () => {
  const same: [string, string][] = [
    ['ACME Corp', 'acme corp'],
    ['ACME  Corp.', 'Acme Corp'],
    ['INV-2024-001', 'inv 2024 001'],
    ['Invoice 42183017', '42183017'],
    ['Corp ACME', 'ACME Corp'],
    ['Lieferant GmbH', 'Lieferant GmbH 1'],
  ];
  const different: [string, string][] = [
    ['INV-001', 'INV-002'],
    ['INV-001', 'PO-001'],
    ['Acme', 'Apex'],
    ['12', '12 Acme Street'],
  ];
  it.each(same)('%s ≈ %s', (a, b) => expect(sameByViews(stringViews(a), stringViews(b))).toBe(true));
  it.each(different)('%s ≠ %s', (a, b) => expect(sameByViews(stringViews(a), stringViews(b))).toBe(false));

  const rows: Row[] = [
    ['variants cluster; the medoid is the most central spelling', ['ACME Corp.', 'Acme Corp', 'Globex', 'Acme Corp'], 'Acme Corp', 0.75],
    ['a lone spelling loses to a cluster', ['X-1', 'INV 7', 'inv-7'], 'INV 7', 0.67],
    ['no cluster: the first vote', ['a1', 'b2', 'c3'], 'a1', 0.33],
  ];
  it.each(rows)('%s', (_, votes, value, likelihood) => expect(reconcile(votes)).toEqual({ value, likelihoods: likelihood }));
});

describe('null counts as a vote', () => {
  const rows: Row[] = [
    ['one null lowers the confidence', ['A', 'A', null], 'A', 0.67],
    ['a majority of nulls wins', [null, 'A', null], null, 0.67],
    ['a tie between a value and null goes to the value', [null, 'A'], 'A', 0.5],
    ['all null', [null, null], null, 1],
  ];
  it.each(rows)('%s', (_, votes, value, likelihood) => expect(reconcile(votes)).toEqual({ value, likelihoods: likelihood }));
});

describe('objects recursively', () => {
  it('votes each field on its own and mirrors the output in likelihoods', () => {
    const votes = [
      { number: 'A-17', total: 99.5, paid: true, address: { city: 'Paris', zip: '75001' } },
      { number: 'A-17', total: 99.5, paid: false, address: { city: 'paris', zip: '75002' } },
      { number: 'A17', total: 120, paid: true, address: null },
    ];
    expect(reconcile(votes)).toEqual({
      value: { number: 'A-17', total: 99.5, paid: true, address: { city: 'Paris', zip: '75001' } },
      likelihoods: { number: 1, total: 0.67, paid: 0.67, address: { city: 0.67, zip: 0.33 } },
    });
  });
  it('a missing key is a null vote', () => {
    expect(reconcile([{ a: 1 }, { a: 1, b: 2 }, { a: 1, b: 2 }])).toEqual({ value: { a: 1, b: 2 }, likelihoods: { a: 1, b: 0.67 } });
  });
  it('an object most votes leave null is null', () => {
    expect(reconcile([{ x: null }, { x: { a: 1 } }, { x: null }])).toEqual({ value: { x: null }, likelihoods: { x: 0.67 } });
  });
});

describe('arrays aligned before element-wise voting', () => {
  it('matches items by content, not by position', () => {
    const a = [{ d: 'Widget', q: 2, p: 10 }, { d: 'Gadget', q: 1, p: 5 }];
    const b = [{ d: 'Gadget', q: 1, p: 5 }, { d: 'widget', q: 2, p: 10 }];
    const c = [{ d: 'Widget', q: 3, p: 10 }, { d: 'Gadget', q: 1, p: 5.05 }];
    expect(reconcile([a, b, c])).toEqual({
      value: [{ d: 'Widget', q: 2, p: 10 }, { d: 'Gadget', q: 1, p: 5 }],
      likelihoods: [{ d: 1, q: 0.67, p: 1 }, { d: 1, q: 1, p: 1 }],
    });
  });
  it('drops an item only a minority found and keeps one the majority found', () => {
    const a = [{ d: 'A', x: 1 }, { d: 'B', x: 2 }];
    const b = [{ d: 'A', x: 1 }, { d: 'B', x: 2 }, { d: 'Ghost', x: 9 }];
    const c = [{ d: 'A', x: 1 }];
    expect(reconcile([a, b, c])).toEqual({ value: [{ d: 'A', x: 1 }, { d: 'B', x: 2 }], likelihoods: [{ d: 1, x: 1 }, { d: 0.67, x: 0.67 }] });
  });
  it('aligns arrays of scalars and keeps the document order', () => {
    expect(reconcile([['19%', '7%'], ['7%'], ['19 %', '7%', '0%']])).toEqual({ value: ['19%', '7%'], likelihoods: [0.67, 1] });
  });
  it('alignArrays opens a slot for an unmatched item', () => {
    const slots = alignArrays([[1, 2], [1, 50], [2]], (x, y) => (x === y ? 1 : 0));
    expect(slots.map((s) => s.entries)).toEqual([[1, 1, undefined], [2, undefined, 2], [undefined, 50, undefined]]);
  });
});

describe('schema-aware', () => {
  const schema = {
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['paid', 'Paid', 'open'] },
      code: { type: ['string', 'null'] },
      date: { anyOf: [{ type: 'string', format: 'date' }, { type: 'null' }] },
      items: { type: 'array', items: { $ref: '#/$defs/item' } },
    },
    $defs: { item: { type: 'object', properties: { sku: { type: 'string' }, n: { type: 'integer' } } } },
  };
  it('compares enum values exactly (after normalisation) and free strings by views, in schema order', () => {
    const votes = [
      { code: 'AB 123', status: 'open', date: '2024-01-02', items: [{ n: 1, sku: 'X' }] },
      { status: 'open', code: 'ab-123', date: '2024-01-02', items: [{ sku: 'X', n: 1 }] },
      { status: 'paid', code: '123', date: '2024-02-01', items: [] },
    ];
    const r = reconcile(votes, { schema });
    expect(Object.keys(r.value as object)).toEqual(['status', 'code', 'date', 'items']);
    expect(r).toEqual({
      value: { status: 'open', code: 'AB 123', date: '2024-01-02', items: [{ sku: 'X', n: 1 }] },
      likelihoods: { status: 0.67, code: 1, date: 0.67, items: [{ sku: 0.67, n: 0.67 }] },
    });
  });
  it('a schema leaf no vote filled is null with full agreement', () => {
    expect(reconcile([{}, {}], { schema })).toEqual({ value: { status: null, code: null, date: null, items: null }, likelihoods: { status: 1, code: 1, date: 1, items: 1 } });
  });
  it('voteScalar reports the winning cluster members', () => {
    expect(voteScalar([5, 100, 101, 5.1, 5.05])).toMatchObject({ value: 5.05, members: [0, 3, 4] });
  });
});
