// Finds the label printed next to a form widget, from the page's positioned text: text fields read the
// label on their left or above, checkboxes and radio buttons the one on their right. Used for a field's
// description (when it has no tooltip) and for the caption of each radio option.
import type { FormFieldInfo, WidgetBox } from './pdf-form-fields.ts';
import type { LoadedDocument, Page, TextItem } from './types.ts';

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Segment extends Box {
  text: string;
}

/** Human description of a field: its tooltip when meaningful, else the nearest printed label, else its name. */
export function describeField(field: FormFieldInfo, doc: LoadedDocument | null): string {
  if (field.tooltip && /\p{L}{2}/u.test(field.tooltip)) return field.tooltip;
  const w = field.widgets[0];
  const label = w && doc ? widgetLabel(doc, w, field.kind === 'checkbox' || field.kind === 'radio') : null;
  return label ?? humanName(field.key);
}

/** Captions of a radio group's options (export value → printed label next to its widget). */
export function radioCaptions(field: FormFieldInfo, doc: LoadedDocument | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!doc) return out;
  for (const w of field.widgets) {
    if (w.onValue === null || out.has(w.onValue)) continue;
    const label = widgetLabel(doc, w, true, true);
    if (label) out.set(w.onValue, label);
  }
  return out;
}

/** "topmostSubform[0].Page1[0].f1_02[0]" → "f1 02"; "Name_First" → "Name First". */
export function humanName(key: string): string {
  const last = key.split('.').filter((p) => p.length > 0).pop() ?? key;
  return last.replace(/\[\d+\]/g, '').replace(/[_\-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim() || key;
}

export function widgetLabel(doc: LoadedDocument, widget: WidgetBox, preferRight: boolean, sameRowOnly = false): string | null {
  const page = doc.pages[widget.page - 1];
  if (!page || page.width <= 0) return null;
  const W: Box = { x: widget.left * page.width, y: widget.top * page.height, w: widget.width * page.width, h: widget.height * page.height };
  let best: { text: string; cost: number } | null = null;
  for (const s of segments(page)) {
    if (overlapArea(s, W) > 0.5 * s.w * s.h) continue; // text printed inside the widget is its value, not its label
    const cost = placementCost(s, W, preferRight, sameRowOnly);
    if (cost !== null && (!best || cost < best.cost)) best = { text: s.text, cost };
  }
  if (!best) return null;
  const text = best.text.replace(/[\s:_.…]+$/u, '').replace(/^[\s_.]+/, '').trim();
  return text.length > 0 && /\p{L}/u.test(text) ? text.slice(0, 120) : null;
}

/** Weighted distance of a text segment to the widget in one of four placements, or null when it is not a candidate. */
function placementCost(s: Segment, W: Box, preferRight: boolean, sameRowOnly: boolean): number | null {
  const rowOverlap = Math.min(s.y + s.h, W.y + W.h) - Math.max(s.y, W.y);
  const sameRow = rowOverlap >= 0.4 * Math.min(s.h, W.h) || Math.abs(s.y + s.h / 2 - (W.y + W.h / 2)) <= Math.max(s.h, 4) * 0.6;
  const colOverlap = Math.min(s.x + s.w, W.x + W.w) - Math.max(s.x, W.x);
  const lineH = Math.max(s.h, 6);
  if (sameRow && s.x + s.w <= W.x + 3) {
    const d = W.x - (s.x + s.w);
    return d <= 220 ? (preferRight ? d * 1.6 : 2 + d * 0.15) : null; // a label on the same row wins over one above
  }
  if (sameRow && s.x >= W.x + W.w - 3) {
    const d = s.x - (W.x + W.w);
    return d <= 220 ? d * (preferRight ? 1 : 3) + (preferRight ? 0 : 10) : null;
  }
  if (sameRowOnly || colOverlap <= 0) return null;
  if (s.y + s.h <= W.y + 3) {
    const d = W.y - (s.y + s.h);
    return d <= 3 * lineH ? d * 1.5 + 12 + (preferRight ? 20 : 0) : null;
  }
  if (s.y >= W.y + W.h - 3) {
    const d = s.y - (W.y + W.h);
    return d <= 2 * lineH ? d * 2 + 20 + (preferRight ? 20 : 0) : null;
  }
  return null;
}

const segmentCache = new WeakMap<Page, Segment[]>();

/** The page's text items merged into phrases: neighbours on a line closer than about one character height. */
function segments(page: Page): Segment[] {
  const cached = segmentCache.get(page);
  if (cached) return cached;
  const out: Segment[] = [];
  for (const line of page.lines) {
    let cur: Segment | null = null;
    const items: TextItem[] = [...line.items].sort((a, b) => a.x - b.x);
    for (const it of items) {
      if (cur && it.x - (cur.x + cur.w) <= Math.max(it.height, cur.h) * 1.2) {
        const right = Math.max(cur.x + cur.w, it.x + it.width);
        const bottom = Math.max(cur.y + cur.h, it.y + it.height);
        cur.text += (it.x - (cur.x + cur.w) > it.height * 0.15 ? ' ' : '') + it.text;
        cur.y = Math.min(cur.y, it.y);
        cur.w = right - cur.x;
        cur.h = bottom - cur.y;
      } else {
        if (cur) out.push(cur);
        cur = { text: it.text, x: it.x, y: it.y, w: it.width, h: it.height };
      }
    }
    if (cur) out.push(cur);
  }
  for (const s of out) s.text = s.text.replace(/\s+/g, ' ').trim();
  const kept = out.filter((s) => s.text.length > 0);
  segmentCache.set(page, kept);
  return kept;
}

function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}
