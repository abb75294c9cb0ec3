// Decides which field each fact fills: exact field keys first, then the best word overlap with the
// field's name, tooltip and printed label (greedy, best pair first, one fact per field), with a value
// that fits the field. A full name fills separate first/middle/last fields when the form splits it, and
// an option named in the text selects it in the one choice field that offers it.
import type { Fact } from './instructions.ts';
import { coerceValue, isTruthy, type EditField } from './coerce-value.ts';
import { coverage, dice, squash, words } from './text-match.ts';

const FILLABLE = new Set(['text', 'checkbox', 'radio', 'dropdown', 'listbox']);
const GENERIC_OPTIONS = new Set(['yes', 'no', 'on', 'off', 'true', 'false', 'other', 'none', 'unknown', 'n/a']);

/** Field key → value to write (only fields the instructions address). */
export function assignValues(fields: EditField[], facts: Fact[], instructions: string): Map<string, string> {
  const open = fields.filter((f) => FILLABLE.has(f.kind) && !f.readOnly);
  const out = new Map<string, string>();
  const usedFacts = new Set<number>();

  const candidates: { fi: number; field: EditField; score: number; value: string }[] = [];
  facts.forEach((fact, fi) => {
    const fw = words(fact.label);
    if (isNameFact(fact, fw) && splitName(open, fact.value, out)) {
      usedFacts.add(fi);
      return;
    }
    for (const field of open) {
      const score = matchScore(fact, fw, field);
      if (score <= 0) continue;
      const value = coerceValue(field, fact.value);
      if (value !== null) candidates.push({ fi, field, score, value });
    }
  });
  candidates.sort((a, b) => b.score - a.score);
  for (const c of candidates) {
    if (usedFacts.has(c.fi) || out.has(c.field.key)) continue;
    if (facts[c.fi].kind === 'loose' && [...out.values()].includes(c.value)) continue;
    out.set(c.field.key, c.value);
    usedFacts.add(c.fi);
  }
  selectMentionedOptions(open, instructions, out);
  return out;
}

/** 0 when the fact does not address the field; higher is better. Exact keys score above any overlap. */
function matchScore(fact: Fact, fw: string[], field: EditField): number {
  const label = fact.label.trim();
  if (label === field.key) return 3;
  const lastPart = field.key.split('.').pop() ?? field.key;
  if (label.toLowerCase() === field.key.toLowerCase() || squash(label) === squash(field.key) || (squash(label) === squash(lastPart) && squash(label).length > 0)) return 2.5;
  if (fw.length === 0) return 0;
  const all = [...new Set([...field.nameWords, ...field.tooltipWords, ...field.labelWords])];
  let s = Math.max(dice(fw, field.nameWords), dice(fw, field.tooltipWords) * 0.97, dice(fw, field.labelWords) * 0.95, coverage(fw, all) * 0.85);
  if (fact.kind === 'flag') {
    if (field.kind !== 'checkbox' && field.kind !== 'radio') return 0;
    const meaningful = fw.filter((w) => w !== 'agree');
    const shared = meaningful.filter((w) => all.includes(w)).length;
    s = Math.max(s, shared > 0 ? 0.35 + 0.5 * (shared / Math.max(meaningful.length, 1)) : fw.length === 1 && all.includes('agree') ? 0.5 : 0);
    return s >= 0.35 ? s : 0;
  }
  const threshold = fact.kind === 'loose' ? 0.6 : 0.5;
  return s >= threshold ? s : 0;
}

function isNameFact(fact: Fact, fw: string[]): boolean {
  if (fact.kind === 'flag') return false;
  const personish = /^[\p{Lu}][\p{L}'’-]+(?:\s+[\p{Lu}][\p{L}'’.-]*){1,3}$/u.test(fact.value.trim());
  if (!personish) return false;
  if (fw.length === 1 && fw[0] === 'name') return true;
  if (fw.length === 2 && fw.includes('name') && fw.includes('full')) return true;
  return fw.length === 1 && /^(applicant|person|employee|customer|client|patient|student|member|individual|user|participant|tenant|buyer|seller|candidate)$/.test(fw[0]);
}

/** "Jane Q. Roe" into first/middle/last fields, when the form has first and last name fields and no plain name field. */
function splitName(open: EditField[], value: string, out: Map<string, string>): boolean {
  const text = open.filter((f) => f.kind === 'text' && !out.has(f.key));
  const has = (f: EditField, w: string) => f.nameWords.includes(w) || f.tooltipWords.includes(w) || f.labelWords.includes(w);
  const plain = text.find((f) => (f.nameWords.length === 1 && f.nameWords[0] === 'name') || (has(f, 'name') && has(f, 'full')));
  if (plain) {
    out.set(plain.key, value.trim());
    return true;
  }
  const first = text.find((f) => has(f, 'first') && (has(f, 'name') || f.nameWords.length <= 2));
  const last = text.find((f) => has(f, 'last') && (has(f, 'name') || f.nameWords.length <= 2));
  if (!first || !last) return false;
  const parts = value.trim().split(/\s+/);
  const middle = text.find((f) => has(f, 'middle') && f !== first && f !== last);
  out.set(first.key, parts[0]);
  out.set(last.key, parts[parts.length - 1]);
  if (middle && parts.length > 2) out.set(middle.key, parts.slice(1, -1).join(' '));
  else if (parts.length > 2) out.set(first.key, parts.slice(0, -1).join(' '));
  return true;
}

/** An option (or radio caption) written in the instructions selects it, if only one unset choice field offers it. */
function selectMentionedOptions(open: EditField[], instructions: string, out: Map<string, string>): void {
  const text = ` ${squashSpaced(instructions)} `;
  const offers = new Map<string, { field: EditField; value: string }[]>();
  for (const f of open) {
    if (f.kind !== 'radio' && f.kind !== 'dropdown') continue;
    const names: [string, string][] = f.options.map((o) => [o, o]);
    for (const [value, caption] of f.captions) names.push([caption, value]);
    for (const [name, value] of names) {
      const key = squashSpaced(name);
      if (key.length < 3 || GENERIC_OPTIONS.has(key) || /^\d+$/.test(key) || isTruthy(name) !== null) continue;
      const list = offers.get(key) ?? [];
      if (!list.some((x) => x.field === f)) list.push({ field: f, value });
      offers.set(key, list);
    }
  }
  for (const [name, list] of offers) {
    if (list.length !== 1 || out.has(list[0].field.key) || !text.includes(` ${name} `)) continue;
    const { field, value } = list[0];
    if (field.value !== null && field.value === value) continue;
    out.set(field.key, value);
  }
}

function squashSpaced(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
