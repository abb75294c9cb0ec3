import { describe, expect, it } from 'vitest';
import { dominantCurrency, findCurrencies, parseCurrency } from './parse-currency.ts';

describe('parseCurrency', () => {
  const cases: [string, string | null][] = [
    ['€', 'EUR'],
    ['€ 4.904,94', 'EUR'],
    ['$4.11', 'USD'],
    ['£ 12.00', 'GBP'],
    ['₹ 319', 'INR'],
    ['Rs 1939', 'INR'],
    ['Rs. 1939', 'INR'],
    ['148,83 PLN', 'PLN'],
    ['100 zł', 'PLN'],
    ['sto czterdzieści osiem złotych 83/100', 'PLN'],
    ['EURO (EUR)', 'EUR'],
    ['euro', 'EUR'],
    ['All charges and prices are in US Dollars', 'USD'],
    ['CHF 20.00', 'CHF'],
    ['GBP', 'GBP'],
    ['US$ 5', 'USD'],
    ['CA$ 5', 'CAD'],
    ['RM 193.00', 'MYR'],
    ['TOTAL RM193.00', 'MYR'],
    ['MYR', 'MYR'],
    ['Confirm the form', null],
    ['Total 12.00', null],
    ['Ihre Rechnung', null],
    ['I can try', null],
    ['Mrs Smith', null],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected}`, () => expect(parseCurrency(input)).toBe(expected));
  }
});

describe('dominantCurrency', () => {
  it('weighs ISO codes over symbols and counts mentions', () => {
    expect(dominantCurrency(['Währung: GBP', 'Steuerbetrag in GBP 163,16', 'Steuerbetrag in EUR 183,14', 'GBP'])).toBe('GBP');
  });
  it('returns null when nothing names a currency', () => {
    expect(dominantCurrency(['Total 12.00', 'Amount 3'])).toBeNull();
    expect(dominantCurrency(['KINGS SAFETY SHOES KWD B05', 'TOTAL: 193.00'])).toBeNull();
    expect(dominantCurrency(['KINGS SAFETY SHOES KWD B05', 'TOTAL(RM) : 193.00'])).toBe('MYR');
  });
  it('reports positions', () => {
    expect(findCurrencies('Total € 5 and 6 EUR').map((c) => [c.code, c.index])).toEqual([['EUR', 6], ['EUR', 16]]);
  });
});
