// Groups positioned text items (top-left origin) into visual lines in reading order, and renders each
// line's text so that touching items merge, normal gaps become one space and wide gaps two or more.
import type { TextItem, TextLine } from './types.ts';

/** An item plus its baseline (y + height), which grouping uses. */
export interface RawItem extends TextItem {
  baseline: number;
}

/** Gap (in multiples of the font height) above which two items are treated as separate cells/columns. */
export const WIDE_GAP_EM = 0.8;

/** Group items into lines by baseline (with a tolerance that absorbs super/subscripts), sort by x. */
export function groupLines(items: RawItem[]): TextLine[] {
  const sorted = dropOverprint(items.filter((it) => it.text.length > 0)).sort((a, b) => a.baseline - b.baseline || a.x - b.x);
  const groups: { baseline: number; height: number; items: RawItem[] }[] = [];
  for (const it of sorted) {
    const h = Math.max(it.height, 1);
    let target: (typeof groups)[number] | undefined;
    // Look back over the last few lines: a superscript sorted before its line's main text still joins it.
    for (let i = groups.length - 1; i >= 0 && i >= groups.length - 3; i--) {
      const g = groups[i];
      // Same line when the vertical spans overlap by at least half the smaller height: absorbs raised
      // superscripts and lowered subscripts, keeps tightly set consecutive lines apart.
      const overlap = Math.min(g.baseline, it.baseline) - Math.max(g.baseline - g.height, it.baseline - h);
      if ((overlap >= 0.5 * Math.min(g.height, h) || isRaisedOrLowered(g, it)) && !overlapsAny(g.items, it)) {
        target = g;
        break;
      }
    }
    if (target) {
      target.items.push(it);
      // The line's baseline follows its tallest (main-text) item, not a raised superscript.
      if (h > target.height) {
        target.height = h;
        target.baseline = it.baseline;
      }
    } else {
      groups.push({ baseline: it.baseline, height: h, items: [it] });
    }
  }
  groups.sort((a, b) => a.baseline - b.baseline);
  return groups.map((g) => buildLine(g.items));
}

/** Drop repeats of the same text drawn again at (almost) the same spot: "fake bold" overprinting. */
function dropOverprint(items: RawItem[]): RawItem[] {
  const seen = new Map<string, RawItem[]>();
  return items.filter((it) => {
    const same = seen.get(it.text);
    if (same?.some((o) => Math.abs(o.x - it.x) < 1.5 && Math.abs(o.baseline - it.baseline) < 1.5)) return false;
    if (same) same.push(it);
    else seen.set(it.text, [it]);
    return true;
  });
}

/** A smaller item set off the line's baseline by text rise (superscript/subscript) and touching an item
 *  of the line horizontally; or the line is such an item and `it` is the main text beside it. */
function isRaisedOrLowered(g: { baseline: number; height: number; items: RawItem[] }, it: RawItem): boolean {
  const h = Math.max(it.height, 1);
  const [small, big] = h < g.height ? [{ baseline: it.baseline, h }, { baseline: g.baseline, h: g.height }] : [{ baseline: g.baseline, h: g.height }, { baseline: it.baseline, h }];
  if (small.h > 0.85 * big.h) return false;
  if (small.baseline < big.baseline - big.h - 0.5 || small.baseline > big.baseline + 0.6 * small.h) return false;
  const near = 0.5 * big.h;
  return g.items.some((o) => Math.abs(it.x - (o.x + o.width)) < near || Math.abs(o.x - (it.x + it.width)) < near);
}

/** True when `it` horizontally overlaps an existing item substantially (a different line drawn on top). */
function overlapsAny(items: RawItem[], it: RawItem): boolean {
  for (const o of items) {
    const overlap = Math.min(o.x + o.width, it.x + it.width) - Math.max(o.x, it.x);
    if (overlap > 0.5 * Math.min(o.width, it.width) && overlap > 2 && o.text !== it.text) return true;
  }
  return false;
}

/** Build a TextLine from items of one line: sort by x, merge touching items, join the rest. */
export function buildLine(raw: RawItem[]): TextLine {
  const items = [...raw].sort((a, b) => a.x - b.x);
  const merged: TextItem[] = [];
  let text = '';
  for (const it of items) {
    const prev = merged[merged.length - 1];
    if (!prev) {
      merged.push(strip(it));
      text = it.text;
      continue;
    }
    const gap = it.x - (prev.x + prev.width);
    const em = Math.max(Math.min(prev.height, it.height), 1);
    const charW = averageCharWidth(prev, it, em);
    if (gap < 0.15 * charW && !/\s$/.test(prev.text) && !/^\s/.test(it.text)) {
      // Touching: same word split across items (font change, kerning) — merge without a space.
      prev.text += it.text;
      prev.width = Math.max(prev.width, it.x + it.width - prev.x);
      prev.height = Math.max(prev.height, it.height);
      prev.y = Math.min(prev.y, it.y);
      text += it.text;
      continue;
    }
    const spaces = gap > WIDE_GAP_EM * em ? Math.min(Math.max(2, Math.round(gap / charW)), 6) : 1;
    text = text.replace(/\s+$/, '') + ' '.repeat(spaces) + it.text.replace(/^\s+/, '');
    merged.push(strip(it));
  }
  for (const m of merged) m.text = m.text.trim();
  const finalItems = merged.filter((m) => m.text.length > 0);
  const x = Math.min(...items.map((i) => i.x));
  const right = Math.max(...items.map((i) => i.x + i.width));
  const y = Math.min(...items.map((i) => i.y));
  const bottom = Math.max(...items.map((i) => i.y + i.height));
  return { text: text.trim(), x, y, width: right - x, height: bottom - y, items: finalItems };
}

function strip(it: RawItem): TextItem {
  return { text: it.text, x: it.x, y: it.y, width: it.width, height: it.height };
}

function averageCharWidth(a: TextItem, b: TextItem, em: number): number {
  const chars = a.text.length + b.text.length;
  const w = chars > 0 ? (a.width + b.width) / chars : em / 2;
  // Clamp to a sane fraction of the font size so one odd item cannot skew the spacing.
  return Math.min(Math.max(w, em * 0.3), em * 0.8);
}
