// Reads a document (or a few of its pages) for the cues of every known kind: a kind named in the title
// ("INVOICE", "Avoir", "PAYMENT RECEIPT"), named in a label ("Invoice No."), its printed cues, the shared cues
// of money documents (a total line, a line-item table, a negative total) and how much of the text is prose.
import type { LoadedDocument, Page } from '../../documents/types.ts';
import { buildDocIndex, type IndexedLine } from '../extract/doc-index.ts';
import { labelRegExp } from '../extract/field-spec.ts';
import { findNumbers } from '../extract/parse-number.ts';
import { DISCOUNT_LINE, KINDS, TOTAL_LINE, type Kind } from './kinds.ts';

export interface Clue {
  kind: string;
  /** What it is ("title", "label", "cashier", "total line" …). */
  what: string;
  /** The printed text that shows it. */
  text: string;
  weight: number;
}

export interface Evidence {
  /** Per kind id: its score and the clues behind it, strongest first. */
  kinds: Map<string, { score: number; clues: Clue[] }>;
  /** Share of the words that stand in running prose (0..1). */
  prose: number;
  lines: IndexedLine[];
  titleLines: IndexedLine[];
}

export interface EvidenceOptions {
  /** Read only the title region (top of the first page). */
  titleOnly?: boolean;
}

const LABEL_BEFORE = /(?:^|\s)(?:total|montant|summe|date|datum|data|n°|no|nr|number|numero|of|de|du|der|des|van|zur|la|le|d')\s*$/u;
const LABEL_AFTER = /^\s*(?:no\b|nr\b|number|n°|#|date|datum|numero|nummer|id\b|to\b|address|adres)/u;

const NAME_RES = KINDS.map((k) => ({
  kind: k,
  names: [...k.names.map((n) => ({ n, titleOnly: false })), ...(k.titleOnly ?? []).map((n) => ({ n, titleOnly: true }))].map((x) => ({ ...x, re: labelRegExp(x.n) })),
}));

/** Gather the evidence of `pages` (a subset of the document's pages, in order). */
export function gatherEvidence(doc: LoadedDocument, pages: Page[], opts: EvidenceOptions = {}): Evidence {
  // The chosen pages renumbered 1..n, as the index expects; the title region is the top of the first.
  const renumbered = pages.map((p, i) => ({ ...p, number: i + 1 }));
  const index = buildDocIndex({ ...doc, pages: renumbered, pageTexts: pages.map((p) => doc.pageTexts[p.number - 1] ?? '') });
  const titleLines = index.lines.filter((l) => l.page === 1 && isTitleRegion(l));
  const lines = opts.titleOnly ? titleLines : index.lines;
  const kinds = new Map<string, { score: number; clues: Clue[] }>(KINDS.map((k) => [k.id, { score: 0, clues: [] }]));
  const add = (c: Clue) => kinds.get(c.kind)!.clues.push(c);

  nameClues(lines, titleLines, add);
  for (const k of KINDS) cueClues(k, lines, add);
  if (!opts.titleOnly) moneyClues(lines, pages, add);

  for (const entry of kinds.values()) {
    entry.clues.sort((a, b) => b.weight - a.weight);
    entry.score = entry.clues.reduce((s, c) => s + c.weight, 0);
  }
  return { kinds, prose: proseShare(lines), lines, titleLines };
}

const CONNECTORS = new Set(['vom', 'du', 'from', 'of', 'dated', 'de', 'del', 'van', 'le', 'der', 'nr', 'no', 'for', 'dd']);

/** What follows a kind's name in a title: an identifier, a date, punctuation — not more words of a phrase. */
function titleRest(rest: string): boolean {
  return rest.split(/\s+/).every((w) => !/^\p{Ll}{3,}/u.test(w) || CONNECTORS.has(w.toLowerCase()));
}

function isTitleRegion(l: IndexedLine): boolean {
  return l.index < 12 || l.y < 0.4 * l.pageHeight;
}

/** Kind names in titles (weight 4, or 3 lower down), in labels (2), and mentioned in the text (0.3 each). */
function nameClues(lines: IndexedLine[], titleLines: IndexedLine[], add: (c: Clue) => void): void {
  const titleSet = new Set(titleLines);
  const medianHeight = median(titleLines.map((l) => l.height));
  const best = new Map<string, Clue>();
  const mentions = new Map<string, number>();
  for (const line of lines) {
    line.segments.forEach((seg, si) => {
      const found: { kind: Kind; start: number; end: number; titleOnly: boolean; text: string }[] = [];
      for (const { kind, names } of NAME_RES) {
        for (const { re, titleOnly } of names) {
          re.lastIndex = 0;
          for (let m = re.exec(seg.norm); m; m = re.exec(seg.norm)) {
            if (m[0].length === 0) break;
            found.push({ kind, start: m.index, end: m.index + m[0].length, titleOnly, text: seg.text.slice(m.index, m.index + m[0].length) });
          }
        }
      }
      // A name inside a longer name of another kind ("invoice" in "simplified tax invoice") does not count.
      const kept = found.filter((f) => !found.some((g) => g !== f && g.start <= f.start && g.end >= f.end && g.end - g.start > f.end - f.start));
      const wordsInSeg = seg.norm.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
      for (const f of kept) {
        const labelUse = LABEL_AFTER.test(seg.norm.slice(f.end)) || /^\s*:/.test(seg.norm.slice(f.end)) || LABEL_BEFORE.test(seg.norm.slice(0, f.start));
        let clue: Clue | null = null;
        if (titleSet.has(line) && (wordsInSeg <= 6 || (f.start === 0 && wordsInSeg <= 10)) && !labelUse && titleRest(seg.text.slice(f.end))) {
          const prominent = line.index < 3 || (medianHeight > 0 && line.height >= 1.2 * medianHeight) || (si === 0 && line.segments.length <= 2 && seg.text === seg.text.toUpperCase());
          clue = { kind: f.kind.id, what: 'title', text: seg.text.trim(), weight: prominent ? 4 : 3 };
        } else if (labelUse && !f.titleOnly && wordsInSeg <= 8) {
          clue = { kind: f.kind.id, what: 'label', text: (seg.text.slice(f.start, f.end) + (seg.text.slice(f.end).match(/^\s*(?:\S+)/u)?.[0] ?? '')).trim(), weight: 0.5 };
        } else if (!f.titleOnly) {
          const n = mentions.get(f.kind.id) ?? 0;
          if (n < 4) add({ kind: f.kind.id, what: 'mention', text: f.text, weight: 0.3 });
          mentions.set(f.kind.id, n + 1);
        }
        if (clue) {
          const key = `${clue.kind}:${clue.what}`;
          const prev = best.get(key);
          if (!prev || clue.weight > prev.weight) best.set(key, clue);
        }
      }
    });
  }
  for (const c of best.values()) add(c);
}

function cueClues(kind: Kind, lines: IndexedLine[], add: (c: Clue) => void): void {
  kind.cues.forEach((cue) => {
    let count = 0;
    const max = cue.max ?? 1;
    const flags = cue.re.flags.includes('g') ? cue.re.flags : cue.re.flags + 'g';
    const re = new RegExp(cue.re.source, flags);
    for (const line of lines) {
      if (count >= max) break;
      const hasFigure = /\d/.test(line.text);
      line.segments.forEach((seg, si) => {
        if (count >= max) return;
        const segWords = seg.norm.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length;
        if (segWords > (cue.long ? Infinity : cue.short ? 8 : 10)) return;
        re.lastIndex = 0;
        for (let m = re.exec(seg.norm); m && count < max; m = re.exec(seg.norm)) {
          if (m[0].length === 0) break;
          if (cue.at && seg.norm.slice(0, m.index).split(/\s+/).filter(Boolean).length > 2) continue;
          const labelled = hasFigure || /^\s*:/.test(seg.norm.slice(m.index + m[0].length)) || si < line.segments.length - 1;
          if (cue.at === 'label' && !labelled) continue;
          add({ kind: kind.id, what: cue.what, text: seg.text.slice(m.index, m.index + m[0].length).trim(), weight: cue.weight });
          count++;
        }
      });
    }
  });
}

/** A total line, a line-item table, a negative total: shared by money documents; the last one marks a credit note. */
function moneyClues(lines: IndexedLine[], pages: Page[], add: (c: Clue) => void): void {
  const money = KINDS.filter((k) => k.money).map((k) => k.id);
  const total = lines.find((l) => TOTAL_LINE.test(l.segments.map((s) => s.norm).join(' ')) && findNumbers(l.text).length > 0);
  if (total) for (const k of money) add({ kind: k, what: 'total line', text: total.text.replace(/\s{2,}/g, ' ').trim(), weight: 1 });
  const table = pages.some((p) => p.tables.some((t) => t.rows.filter((r) => r.some((c) => /\d/.test(c))).length >= 2));
  if (table) for (const k of money) add({ kind: k, what: 'line-item table', text: '', weight: 1 });
  const negative = lines.find((l) => {
    const text = l.segments.map((s) => s.norm).join(' ');
    if (!TOTAL_LINE.test(text) || DISCOUNT_LINE.test(text)) return false;
    return findNumbers(l.text).some((n) => n.value < 0 && n.decimals > 0);
  });
  if (negative) add({ kind: 'credit_note', what: 'negative total', text: negative.text.replace(/\s{2,}/g, ' ').trim(), weight: 3 });
}

/** Share of the words that stand in sentence-like cells (six or more words, mostly lower-case letters). */
function proseShare(lines: IndexedLine[]): number {
  let all = 0;
  let prose = 0;
  for (const line of lines) {
    for (const seg of line.segments) {
      const ws = seg.text.split(/\s+/).filter(Boolean);
      all += ws.length;
      const lower = ws.filter((w) => /^[\p{Ll}][\p{L}'’-]*[,.;:!?]?$/u.test(w)).length;
      if (ws.length >= 6 && lower >= 0.6 * ws.length) prose += ws.length;
    }
  }
  return all === 0 ? 0 : prose / all;
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
