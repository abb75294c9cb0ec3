// Decides, for one schema leaf, which concept it is (invoice number, total, due date …), which printed labels
// announce its value (with a tier: 3 strong, 2 medium, 1 weak) and which kind of value to look for.
import { CONCEPTS, CONCEPT_BY_ID, type Concept, type ValueKind } from './concepts.ts';
import { escapeRegExp, nameWords, norm } from './normalize.ts';
import type { SchemaNode } from './schema-walk.ts';

export type FieldValueKind = ValueKind | 'boolean' | 'enum' | 'number' | 'integer' | 'datetime';

export interface LabelSpec {
  text: string;
  re: RegExp;
  tier: 1 | 2 | 3;
}

export interface FieldSpec {
  node: SchemaNode;
  concept: Concept | null;
  labels: LabelSpec[];
  kind: FieldValueKind;
  /** Concept ids whose labels count as this field's own (so they do not claim its label matches). */
  own: Set<string>;
}

/** Pick the concept a field name (with its parent's name and description as context) refers to. */
export function conceptFor(node: SchemaNode, pool: Concept[] = CONCEPTS): Concept | null {
  const phrase = node.words.join(' ');
  const withParent = [...(node.context[0] ?? []), ...node.words].join(' ');
  const desc = norm(node.description);
  let best: Concept | null = null;
  let bestScore = 0;
  for (const concept of pool) {
    for (const name of concept.names) {
      const n = name.split(' ').length;
      let score = 0;
      if (name === phrase) score = 20 + n;
      else if (containsPhrase(withParent, name) && withParent !== phrase) score = Math.max(score, containsPhrase(phrase, name) ? 10 + n : 8 + n);
      if (score === 0 && containsPhrase(phrase, name)) score = 10 + n;
      if (score === 0 && desc && containsPhrase(desc, name)) score = 1 + n * 0.5;
      if (score > bestScore) {
        best = concept;
        bestScore = score;
      }
    }
  }
  return best;
}

export function buildFieldSpec(node: SchemaNode, pool: Concept[] = CONCEPTS): FieldSpec {
  const concept = conceptFor(node, pool);
  const labels: LabelSpec[] = [];
  const seen = new Set<string>();
  const add = (text: string, tier: 1 | 2 | 3) => {
    const key = norm(text).trim();
    if (!key || seen.has(key)) return;
    seen.add(key);
    labels.push({ text: key, re: labelRegExp(key), tier });
  };
  const own = new Set<string>();
  if (concept) {
    own.add(concept.id);
    concept.strong.forEach((l) => add(l, 3));
    concept.medium.forEach((l) => add(l, 2));
    concept.weak.forEach((l) => add(l, 1));
    for (const id of concept.fallback ?? []) {
      const other = CONCEPT_BY_ID.get(id);
      if (!other) continue;
      own.add(id);
      other.strong.forEach((l) => add(l, 1));
    }
  }
  // The field's own name is always a label: "po_number" → "po number"; with its parent for context.
  const phrase = node.words.join(' ');
  if (phrase && !/^\d+$/.test(phrase)) add(phrase, concept ? 2 : 3);
  if (node.context[0] && phrase) add([...node.context[0], ...node.words].join(' '), 3);
  // A short description is itself a label ("Bezahlt", "Booking reference"); articles are dropped.
  const desc = node.description.replace(/^(?:the|a|an)\s+/i, '').replace(/[.:]+$/, '').trim();
  if (desc && desc.split(/\s+/).length <= 3) add(desc, 2);
  return { node, concept, labels, kind: valueKind(node, concept), own };
}

function valueKind(node: SchemaNode, concept: Concept | null): FieldValueKind {
  if (node.enum && node.enum.length > 0) return 'enum';
  if (node.type === 'boolean') return 'boolean';
  if (node.format === 'date') return 'date';
  if (node.format === 'date-time') return 'datetime';
  if (node.type === 'number' || node.type === 'integer') {
    if (concept && (concept.value === 'amount' || concept.value === 'quantity' || concept.value === 'percent')) return concept.value;
    return node.type;
  }
  if (concept) return concept.value;
  const words = new Set(node.words);
  if (words.has('date') || words.has('day')) return 'date';
  if (['number', 'no', 'id', 'code', 'ref', 'reference', 'nr'].some((w) => words.has(w))) return 'id';
  return 'text';
}

/** A regex for a normalised label: words joined by separators, not glued to surrounding letters. */
export function labelRegExp(label: string): RegExp {
  const tokens = label.split(/\s+/).filter(Boolean).map(escapeRegExp);
  const body = tokens.join(String.raw`[\s.:\-_/']+`);
  const endsWord = /[\p{L}\p{N}]$/u.test(label);
  return new RegExp(String.raw`(?<![\p{L}\p{N}_])${body}${endsWord ? String.raw`(?![\p{L}\p{N}_])` : ''}`, 'gu');
}

function containsPhrase(haystack: string, phrase: string): boolean {
  return labelRegExp(phrase).test(haystack);
}

export { nameWords };
