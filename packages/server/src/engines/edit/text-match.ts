// Word-level matching between what the instructions name ("Date of birth", "e-mail") and what a form
// field is called (its name, tooltip, printed label): normalised words, synonyms folded to one word,
// stop words dropped, then an overlap score in 0..1.
import { nameWords, norm } from '../extract/normalize.ts';

const STOP = new Set([
  'the', 'a', 'an', 'of', 'your', 'you', 'my', 'our', 'his', 'her', 'their', 'is', 'are', 'to', 'and', 'or', 'please',
  'enter', 'select', 'choose', 'in', 'for', 'this', 'field', 'here', 'be', 'should', 'with', 'on', 'at', 'by', 'if',
  'text', 'box', 'value', 'fill', 'set', 'it', 'as',
]);

/** Words folded to one canonical word (several-word synonyms are split first by SPLIT). */
const CANON: Record<string, string> = {
  dob: 'birth', born: 'birth', birthday: 'birth', birthdate: 'birth', birthplace: 'birthplace',
  tel: 'phone', telephone: 'phone', mobile: 'phone', cell: 'phone', cellphone: 'phone', phonenumber: 'phone',
  mail: 'email', emailaddress: 'email',
  zipcode: 'zip', postcode: 'zip', postal: 'zip', plz: 'zip',
  surname: 'last', lastname: 'last', familyname: 'last', lname: 'last',
  forename: 'first', firstname: 'first', given: 'first', fname: 'first',
  middlename: 'middle', street: 'address', addr: 'address', adress: 'address',
  ssn: 'ssn', sex: 'gender', citizenship: 'nationality', town: 'city',
  agreed: 'agree', agrees: 'agree', accept: 'agree', accepts: 'agree', accepted: 'agree', consent: 'agree', consents: 'agree',
  terms: 'term', conditions: 'condition', signed: 'sign', signature: 'sign',
  organisation: 'organization', company: 'organization', employer: 'organization',
};

/** Compound words written as one token that mean two. */
const SPLIT: Record<string, string[]> = {
  firstname: ['first', 'name'], lastname: ['last', 'name'], surname: ['last', 'name'], familyname: ['last', 'name'],
  middlename: ['middle', 'name'], fullname: ['name'], dob: ['birth', 'date'], birthdate: ['birth', 'date'],
  birthday: ['birth', 'date'], zipcode: ['zip'], postcode: ['zip'], emailaddress: ['email'], phonenumber: ['phone'],
  fname: ['first', 'name'], lname: ['last', 'name'],
};

/** Words of a phrase or field name, normalised: "Name_First" → ["name", "first"], "E-mail address" → ["email", "address"]. */
export function words(s: string): string[] {
  const cleaned = s.replace(/\[\d+\]/g, ' ').replace(/e-mail/gi, 'email').replace(/[’']s\b/g, 's');
  const out: string[] = [];
  for (const raw of nameWords(cleaned)) {
    const w = norm(raw);
    const parts = SPLIT[w] ?? [w];
    for (const p of parts) {
      if (STOP.has(p)) continue;
      let c = CANON[p] ?? p;
      if (c.length > 3 && c.endsWith('s') && !c.endsWith('ss')) c = c.slice(0, -1);
      out.push(c);
    }
  }
  return [...new Set(out)];
}

/** A field name made only of codes ("f1_02", "Text1", "c1_01") says nothing about its meaning. */
export function isCodeName(key: string): boolean {
  const last = key.split('.').pop() ?? key;
  return words(last).every((w) => /\d/.test(w) || /^(text|field|check|checkbox|radio|group|combo|list|dropdown|button|page|form|topmostsubform)$/.test(w));
}

/** Dice overlap of two word sets. */
export function dice(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const sb = new Set(b);
  const shared = a.filter((w) => sb.has(w)).length;
  return (2 * shared) / (a.length + b.length);
}

/** Fraction of `a`'s words found in `b`. */
export function coverage(a: string[], b: string[]): number {
  if (a.length === 0) return 0;
  const sb = new Set(b);
  return a.filter((w) => sb.has(w)).length / a.length;
}

/** Loose string equality for option values: case, accents, punctuation and spacing ignored. */
export function sameText(a: string, b: string): boolean {
  return squash(a) === squash(b) && squash(a).length > 0;
}

export function squash(s: string): string {
  return norm(s).replace(/[^\p{L}\p{N}]+/gu, '');
}
