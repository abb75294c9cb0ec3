// Finds a page's own page number as printed: "Page 2 / 2", "Page 1 of 3", "Seite 1 von 2", "Seite: 1",
// "Pagina 2 di 4", "Strona 1 z 2", "Document 1:Page 3". Page 1 starts a document; page k+1 after page k
// continues it.
import { norm } from '../extract/normalize.ts';

export interface PageMarker {
  index: number;
  total: number | null;
  text: string;
}

const WORD = String.raw`(?:page|seite|pagina|strona|blad|pag\.?|side|sida|folio)`;
const OF = String.raw`(?:of|von|sur|de|di|z|van|/|af|av)`;
const MARKER = new RegExp(String.raw`(?<![\p{L}])${WORD}\s*:?\s*(\d{1,4})(?:\s*${OF}\s*(\d{1,4}))?(?![\d])`, 'gu');
const BARE = /^\s*(\d{1,3})\s*(?:\/|of)\s*(\d{1,3})\s*$/u;

/** The page's marker, preferring one that states the total ("1 / 2") over a bare "Seite 1". */
export function findPageMarker(lines: string[]): PageMarker | null {
  let best: PageMarker | null = null;
  for (const line of lines) {
    const n = norm(line);
    MARKER.lastIndex = 0;
    for (let m = MARKER.exec(n); m; m = MARKER.exec(n)) {
      const index = Number(m[1]);
      const total = m[2] ? Number(m[2]) : null;
      if (index < 1 || (total !== null && (total < index || total > 9999))) continue;
      const marker = { index, total, text: line.slice(m.index, m.index + m[0].length) };
      if (!best || (best.total === null && total !== null)) best = marker;
    }
    const bare = BARE.exec(n);
    if (!best && bare && Number(bare[1]) >= 1 && Number(bare[1]) <= Number(bare[2])) {
      best = { index: Number(bare[1]), total: Number(bare[2]), text: line.trim() };
    }
  }
  return best;
}
