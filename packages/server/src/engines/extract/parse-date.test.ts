import { describe, expect, it } from 'vitest';
import { detectDateOrder, findDates, parseDate, parseDateTime } from './parse-date.ts';

describe('parseDate', () => {
  const cases: [string, string | null][] = [
    ['August 3 , 2014', '2014-08-03'],
    ['TOTAL AMOUNT DUE ON August 3 , 2014', '2014-08-03'],
    ['7. Mai 2014', '2014-05-07'],
    ['11. Juli 2014', '2014-07-11'],
    ['8-9-2022', '2022-09-08'],
    ['22-9-2022', '2022-09-22'],
    ['26.04.2021', '2021-04-26'],
    ['2014-04-19', '2014-04-19'],
    ['31/12/2017', '2017-12-31'],
    ['03/20/2023', '2023-03-20'],
    ['26.10.22', '2022-10-26'],
    ['19 april 2014', '2014-04-19'],
    ['29 maart 2014', '2014-03-29'],
    ['02 Juillet 2015', '2015-07-02'],
    ['1er juillet 2015', '2015-07-01'],
    ['Jan 1, 2022', '2022-01-01'],
    ['February 17, 2026', '2026-02-17'],
    ['17. Dezember 2025', '2025-12-17'],
    ['3 marca 2021', '2021-03-03'],
    ['12 grudnia 2020', '2020-12-12'],
    ['5 février 2019', '2019-02-05'],
    ['15 décembre 2019', '2019-12-15'],
    ['3-Aug-2014', '2014-08-03'],
    ['Facture n°562044387 du 02 Juillet 2015', '2015-07-02'],
    ['Nr. 471102 vom 15.11.2024', '2024-11-15'],
    ['31/02/2020', null],
    ['Rechnungsnummer: 2014-03', null],
    ['1.234,56', null],
    ['no date here', null],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected}`, () => expect(parseDate(input)).toBe(expected));
  }
  it('uses the document order for ambiguous numeric dates', () => {
    expect(parseDate('03/04/2020', 'mdy')).toBe('2020-03-04');
    expect(parseDate('03/04/2020', 'dmy')).toBe('2020-04-03');
    expect(parseDate('03.04.2020', 'mdy')).toBe('2020-04-03');
  });
});

describe('findDates / detectDateOrder / parseDateTime', () => {
  it('finds every date of a line in order', () => {
    expect(findDates('Check In 31/12/2017 Check Out 01/01/2018').map((d) => d.iso)).toEqual(['2017-12-31', '2018-01-01']);
  });
  it('detects month-first documents from unambiguous dates', () => {
    expect(detectDateOrder(['Invoice Date: 03/20/2023', 'Due 04/04/2023'])).toBe('mdy');
    expect(detectDateOrder(['Date: 31/12/2017'])).toBe('dmy');
    expect(detectDateOrder(['nothing'])).toBe('dmy');
  });
  it('keeps a printed time for date-time fields', () => {
    expect(parseDateTime('Datum: 30.10.2024 Zeit: 04:59:13')).toBe('2024-10-30T04:59:13');
    expect(parseDateTime('Jan 1, 2022')).toBe('2022-01-01T00:00:00');
  });
});
