import { describe, expect, it } from 'vitest';
import { findNumbers, parseNumber } from './parse-number.ts';

describe('parseNumber', () => {
  const cases: [string, number | null][] = [
    ['1,234.56', 1234.56],
    ['1.234,56', 1234.56],
    ['1 234,56', 1234.56],
    ["1'234.56", 1234.56],
    ['(12.00)', -12],
    ['-233.47', -233.47],
    ['-233,47 €', -233.47],
    ['12.00-', -12],
    ['€ 4.904,94', 4904.94],
    ['€ -9,32', -9.32],
    ['Rs 1939', 1939],
    ['USD 4.11', 4.11],
    ['$4.11', 4.11],
    ['$ 279.84', 279.84],
    ['148,83 PLN', 148.83],
    ['963,12 €', 963.12],
    ['1.005,55', 1005.55],
    ['1.021,91', 1021.91],
    ['2.321,00', 2321],
    ['9,9000', 9.9],
    ['1,234', 1234],
    ['1.000', 1000],
    ['0,750', 0.75],
    ['29.99', 29.99],
    ['1939', 1939],
    ['1,234,567.89', 1234567.89],
    ['1.234.567', 1234567],
    ['12 345', 12345],
    ['abc', null],
    ['', null],
    ['12.34.5', null],
    ['1 2', null],
    ['Total 12', null],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected}`, () => expect(parseNumber(input)).toBe(expected));
  }
});

describe('findNumbers', () => {
  it('finds each amount of a totals row', () => {
    expect(findNumbers('Razem 121,00 27,83 148,83').map((n) => n.value)).toEqual([121, 27.83, 148.83]);
  });
  it('skips numbers glued to letters and parts of dates or references', () => {
    expect(findNumbers('Nintendo 3DS XL FV 1/2021 A12').map((n) => n.value)).toEqual([]);
  });
  it('reads a negative amount in a sentence', () => {
    expect(findNumbers('Promotional Discount of Rs -40.00,').map((n) => n.value)).toEqual([-40]);
  });
  it('keeps percentages as numbers', () => {
    expect(findNumbers('Tax 15% on $ 112.90').map((n) => n.value)).toEqual([15, 112.9]);
  });
});
