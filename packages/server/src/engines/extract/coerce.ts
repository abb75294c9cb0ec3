// Reads a typed value out of the text found next to a label: amounts, quantities, dates, identifiers,
// currencies, names, booleans and enum members. Returns null when the text does not hold such a value.
import type { FieldValueKind } from './field-spec.ts';
import { norm } from './normalize.ts';
import { findCurrencies, parseCurrency } from './parse-currency.ts';
import { findDates, parseDateTime, type DateOrder } from './parse-date.ts';
import { findNumbers, type NumberMatch } from './parse-number.ts';

/** Numbers of a text that are amounts: dates and percentages removed. */
export function amountNumbers(text: string, order: DateOrder): NumberMatch[] {
  let masked = text;
  for (const d of findDates(text, order)) masked = masked.slice(0, d.index) + ' '.repeat(d.raw.length) + masked.slice(d.index + d.raw.length);
  return findNumbers(masked).filter((n) => !/^\s*%/.test(masked.slice(n.index + n.raw.length)));
}

/** An identifier (invoice number, order id): the first token with a digit, allowing a short letter prefix
 *  ("FV 1/2021"). Tokens in parentheses, full dates and amounts with decimals are not identifiers. */
export function readId(text: string, order: DateOrder): string | null {
  const cleaned = text.replace(/^[\s:#.\-–=°]+/, '').replace(/^(?:n°|no\.?|nr\.?|nº|number|nummer|numero)\s*[:.]?\s*/i, '').replace(/^[\s:#]+/, '');
  const tokens = cleaned.split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return null;
  let first = tokens[0].replace(/[,;]$/, '');
  if (/^\(.*\)$/.test(first)) return null;
  if (!/\d/.test(first)) {
    const next = tokens[1]?.replace(/[,;]$/, '');
    if (next && /^[A-Z]{1,4}$/.test(first) && /\d/.test(next) && !/^\(/.test(next)) first = `${first} ${next}`;
    else return null;
  }
  first = first.replace(/[.:]$/, '');
  if (first.length < 2 && !/^\d$/.test(first)) return null;
  if (findDates(first, order).some((d) => d.raw.length === first.length)) return null;
  if (/^-?\d{1,3}([.,]\d{3})*[.,]\d{2}$/.test(first)) return null; // an amount, not a number of a document
  if (/^[\d.,]+%$/.test(first)) return null;
  return first;
}

/** A name (party, description): text with letters that is not only a label, an e-mail or a number. */
export function readText(text: string): string | null {
  const t = text.replace(/^[\s:–\-=]+/, '').replace(/[\s,;:]+$/, '').trim();
  if (!/\p{L}.*\p{L}/u.test(t)) return null;
  return t;
}

export function readBoolean(text: string): boolean | null {
  const t = norm(text).replace(/^[\s:=\-–]+/, '').trim();
  if (/^(yes|y|true|ja|oui|si|sí|tak|x|☑|✓|✔|checked|1)\b/.test(t)) return true;
  if (/^(no|n|false|nein|non|nee|nie|☐|unchecked|0)\b/.test(t)) return false;
  return null;
}

export function readEnum(text: string, values: unknown[]): unknown | null {
  const t = norm(text).replace(/[_\-]+/g, ' ').trim();
  if (!t) return null;
  const canon = (v: unknown) => norm(String(v)).replace(/[_\-]+/g, ' ').trim();
  const exact = values.find((v) => canon(v) === t);
  if (exact !== undefined) return exact;
  const contained = values.filter((v) => canon(v).length > 1 && new RegExp(`(?<![\\p{L}])${canon(v).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(t));
  return contained.length === 1 ? contained[0] : null;
}

export interface Coerced {
  value: unknown;
  /** Text the value was read from (for currency next to an amount). */
  source: string;
}

/** Coerce one candidate text to the field's kind. `pick` chooses among several numbers (first or last). */
export function coerce(text: string, kind: FieldValueKind, order: DateOrder, opts: { enumValues?: unknown[]; integer?: boolean; pick?: 'first' | 'last' } = {}): Coerced | null {
  switch (kind) {
    case 'amount':
    case 'number':
    case 'integer':
    case 'quantity':
    case 'percent': {
      const nums = kind === 'percent' ? findNumbers(text) : amountNumbers(text, order);
      if (nums.length === 0) return null;
      // Long digit runs without decimals are references (payment ids, account numbers), not amounts.
      const usable = kind === 'amount' ? nums.filter((x) => !(x.decimals === 0 && /\d{9,}/.test(x.raw.replace(/\D/g, '')))) : nums;
      if (usable.length === 0) return null;
      const n = opts.pick === 'last' ? usable[usable.length - 1] : usable[0];
      if ((kind === 'integer' || opts.integer) && !Number.isInteger(n.value)) return null;
      return { value: n.value, source: text };
    }
    case 'date': {
      const d = findDates(text, order)[0];
      return d ? { value: d.iso, source: text } : null;
    }
    case 'datetime': {
      const d = parseDateTime(text, order);
      return d ? { value: d, source: text } : null;
    }
    case 'currency': {
      const c = parseCurrency(text);
      return c ? { value: c, source: text } : null;
    }
    case 'id': {
      const id = readId(text, order);
      return id ? { value: id, source: text } : null;
    }
    case 'boolean': {
      const b = readBoolean(text);
      return b === null ? null : { value: b, source: text };
    }
    case 'enum': {
      const e = readEnum(text, opts.enumValues ?? []);
      return e === null ? null : { value: e, source: text };
    }
    case 'party':
    case 'text': {
      const t = readText(text);
      return t ? { value: t, source: text } : null;
    }
  }
}

export function hasCurrency(text: string): boolean {
  return findCurrencies(text).length > 0;
}
