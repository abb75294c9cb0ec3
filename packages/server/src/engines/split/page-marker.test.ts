// Printed page numbers in several languages and layouts (strings as the corpus PDFs print them).
import { describe, expect, it } from 'vitest';
import { findPageMarker } from './page-marker.ts';

describe('findPageMarker', () => {
  it.each([
    ['Page 1 / 1', 1, 1],
    ['Facture n° 2022089083 - Page 1/1', 1, 1],
    ['Rechnung      Seite 2', 2, null],
    ['Seite 1 von 3', 1, 3],
    ['Seite:      1', 1, null],
    ['Document 2:Page 3', 3, null],
    ['Strona 1 z 2', 1, 2],
    ['Page 2 of 5', 2, 5],
  ])('%s → %d of %s', (text, index, total) => {
    expect(findPageMarker([text])).toMatchObject({ index, total });
  });

  it('prefers a marker with a total and ignores impossible ones and plain prose', () => {
    expect(findPageMarker(['Seite 2', 'footer', 'Seite 2 von 4'])).toMatchObject({ index: 2, total: 4 });
    expect(findPageMarker(['Page 5 of 3'])).toBeNull();
    expect(findPageMarker(['The pages of the book were torn.'])).toBeNull();
    expect(findPageMarker(['Homepage 1'])).toBeNull();
  });
});
