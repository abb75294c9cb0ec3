// Party names (vendor, customer, ship-to): the name printed after or under a party label ("Sold By : X",
// "Bill To:" over "Taylor Riddel", "Verkäufer" over "Name: Lieferant GmbH"), the sender on the small
// return-address line of a window envelope and the recipient under it, and company names with a legal form.
import type { Candidate } from './candidates.ts';
import type { DocIndex, IndexedLine, Segment } from './doc-index.ts';
import type { FieldSpec } from './field-spec.ts';
import { findLabelHits, type ClaimCache } from './label-search.ts';
import { norm } from './normalize.ts';

interface PartyContext {
  index: DocIndex;
  cache: ClaimCache;
}

const LEGAL_FORM =
  /(?<![\p{L}])(?:GmbH|AG|B\.V\.|BV|N\.V\.|Inc\.?|Ltd\.?|LLC|SAS|SARL|S\.A\.|S\.p\.A\.|Sp\. z o\.o\.|KG|Limited|Pvt\.? Ltd\.?|Corp\.?|Corporation|SRL|S\.r\.l\.|PLC|OHG|UG|e\.K\.|ApS|Oy)(?![\p{L}])/u;
const NAME_LABEL = /^(?:name|nom|naam|nazwa|firma|company|raison sociale|attn|t\.a\.v\.|z\. ?hd\.?)\s*[:.]?\s*/i;

/** Clean a cell into a party name, or null when it is not one (a label, an address, an id, a sentence). */
export function readName(text: string, line: IndexedLine, seg: number, cache: ClaimCache, own: Set<string>, wholeCell = true): string | null {
  let t = text.trim().replace(NAME_LABEL, '').replace(/[\s,;]+$/, '').trim();
  if (t.length < 2 || t.length > 70) return null;
  if (/^\(.*\)$/.test(t) || /[@]|https?:|www\./i.test(t)) return null;
  if (/^\d/.test(t) || /:\s*\S/.test(t) || /:$/.test(t)) return null;
  const letters = (t.match(/\p{L}/gu) ?? []).length;
  const digits = (t.match(/\d/g) ?? []).length;
  if (letters < 2 || digits > letters * 0.4) return null;
  const words = t.split(/\s+/);
  if (words.length > 8 || !words.some((w) => /^\p{Lu}/u.test(w))) return null;
  // A cell that is itself a label of some concept ("Shipping Address", "Nummer") is not a name.
  if (!wholeCell) return t;
  const n = norm(text.trim()).length;
  if (cache.claims(line, seg).some((c) => c.start <= 1 && c.end - c.start >= 0.5 * n && !own.has(c.concept))) return null;
  if (t === text.trim() && cache.claims(line, seg).some((c) => c.start <= 1 && c.end - c.start >= 0.8 * n)) return null;
  return t;
}

export function partyCandidates(spec: FieldSpec, ctx: PartyContext, customerNames: Set<string> = new Set()): Candidate[] {
  const out: Candidate[] = [];
  for (const hit of findLabelHits(ctx.index, spec, ctx.cache)) {
    if (hit.wordsBefore > 1) continue;
    const segment = hit.line.segments[hit.seg];
    const push = (value: string, line: IndexedLine, bonus: number) => out.push({ value, score: hit.tier + bonus, placement: 'inline', line, source: value, hit });
    const rawRemainder = segment.text.slice(hit.end);
    const remainder = rawRemainder.replace(/^[\s:#\-–]+/, '');
    // "Sold By : X" — a name in the label's own cell needs the label first and a separator after it.
    if (remainder && hit.wordsBefore === 0 && /^\s*[:\-–]/.test(rawRemainder)) {
      const v = readName(remainder, hit.line, hit.seg, ctx.cache, spec.own, false);
      if (v && !/^(?:address|adresse|adres|anschrift)\b/i.test(v)) {
        push(v, hit.line, 0.3);
        continue;
      }
    }
    const right = hit.line.segments[hit.seg + 1];
    if (!remainder && right && right.x0 - segment.x1 < 60) {
      const v = readName(right.text, hit.line, hit.seg + 1, ctx.cache, spec.own);
      if (v) {
        push(v, hit.line, 0.3);
        continue;
      }
    }
    const below = nameBelow(hit.line, segment, ctx, spec.own);
    if (below) push(below.value, below.line, 0.15);
  }
  const id = spec.concept?.id;
  if (id === 'vendor' || id === 'customer') out.push(...envelopeCandidates(id, ctx));
  if (id === 'vendor') out.push(...legalFormCandidates(ctx, customerNames));
  return out;
}

/** The first name-like cell in the label's column on the following lines ("Verkäufer" … "Name: Lieferant GmbH"). */
function nameBelow(line: IndexedLine, segment: Segment, ctx: PartyContext, own: Set<string>): { value: string; line: IndexedLine } | null {
  const pageLines = ctx.index.byPage[line.page - 1] ?? [];
  const pos = pageLines.indexOf(line);
  for (let k = pos + 1; k < Math.min(pageLines.length, pos + 7); k++) {
    const next = pageLines[k];
    if (next.y - line.y > 9 * line.height + 20) break;
    const idx = next.segments.findIndex((s) => s.x0 >= segment.x0 - 12 && s.x0 <= segment.x0 + Math.max(40, 0.5 * (segment.x1 - segment.x0)));
    if (idx < 0) continue;
    const cell = next.segments[idx];
    if (NAME_LABEL.test(cell.text) && cell.text.replace(NAME_LABEL, '').trim() === '' && next.segments[idx + 1]) {
      const v = readName(next.segments[idx + 1].text, next, idx + 1, ctx.cache, own);
      if (v) return { value: v, line: next };
    }
    const v = readName(cell.text, next, idx, ctx.cache, own);
    if (v) return { value: v, line: next };
  }
  return null;
}

/** Window-envelope layout: a small sender line "Kraxi GmbH · Flugzeugallee 17 · 12345 Papierfeld" with the
 *  recipient's name on the next lines in the same column. */
function envelopeCandidates(id: 'vendor' | 'customer', ctx: PartyContext): Candidate[] {
  const out: Candidate[] = [];
  for (const pageLines of ctx.index.byPage.slice(0, 1)) {
    pageLines.forEach((line, pos) => {
      if (line.y > 0.45 * line.pageHeight) return;
      const text = line.segments[0].text;
      const pieces = text.split(/\s+[-–·|]\s+|\s*[·|]\s*|,\s+/).filter(Boolean);
      if (pieces.length < 3 || !/\b\d{4,5}\b/.test(text)) return;
      if (id === 'vendor') {
        const sender = pieces[0].trim();
        if (/\p{L}{2,}/u.test(sender) && !/^\d/.test(sender)) out.push({ value: sender, score: 1.2, placement: 'fallback', line, source: text, hit: null });
        return;
      }
      for (let k = pos + 1; k < Math.min(pageLines.length, pos + 4); k++) {
        const next = pageLines[k];
        const idx = next.segments.findIndex((s) => Math.abs(s.x0 - line.segments[0].x0) < 15);
        if (idx < 0) continue;
        const v = readName(next.segments[idx].text, next, idx, ctx.cache, new Set());
        if (v) out.push({ value: v, score: 1.3, placement: 'fallback', line: next, source: v, hit: null });
        break;
      }
    });
  }
  return out;
}

/** Company names with a legal form; repeated ones and those at the top of page 1 first, recipients excluded. */
function legalFormCandidates(ctx: PartyContext, customerNames: Set<string>): Candidate[] {
  const recipients = new Set([...envelopeCandidates('customer', ctx).map((c) => norm(String(c.value))), ...customerNames]);
  const names = new Map<string, { line: IndexedLine; count: number; value: string }>();
  for (const line of ctx.index.lines) {
    for (const seg of line.segments) {
      if (!LEGAL_FORM.test(seg.text)) continue;
      const piece = seg.text.split(/\s+[-–·|]\s+|,\s+(?!(?:Inc|Ltd|LLC)\b)|\s{2,}/).find((p) => LEGAL_FORM.test(p));
      if (!piece || piece.split(/\s+/).length > 8) continue;
      const value = piece.replace(/^.*?\b(?:of|by|office)\s*:?\s+/i, '').replace(/[\s:,]+$/, '').trim();
      if (!/\p{L}{2,}/u.test(value.replace(LEGAL_FORM, '')) || recipients.has(norm(value))) continue;
      const key = norm(value).replace(/[^\p{L}\p{N}]/gu, '');
      const entry = names.get(key);
      if (entry) entry.count++;
      else names.set(key, { line, count: 1, value });
    }
  }
  return [...names.values()].map(({ line, count, value }) => {
    const top = line.page === 1 && line.y < 0.25 * line.pageHeight;
    return { value, score: 0.8 + 0.3 * Math.min(count - 1, 3) + (top ? 0.5 : 0), placement: 'fallback' as const, line, source: value, hit: null };
  });
}
