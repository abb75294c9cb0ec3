// The Unicode font shipped in packages/server/assets/fonts (DejaVu Sans): filled text is drawn with it so
// that any Latin, Greek or Cyrillic value ("Łukasz Żółć") is written as such, never as "?".
import { readFileSync } from 'node:fs';

const FONT_URL = new URL('../../../assets/fonts/DejaVuSans.ttf', import.meta.url);
let cached: Uint8Array | null = null;

export function unicodeFontBytes(): Uint8Array {
  cached ??= new Uint8Array(readFileSync(FONT_URL));
  return cached;
}
