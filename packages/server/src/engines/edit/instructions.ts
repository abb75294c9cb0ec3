// Turns edit instructions into facts: (what is named, the value given). Understands a JSON object,
// "key: value" / "key = value" lines, and plain sentences ("The applicant is Jane Roe, born 4 March
// 1990, agrees to the terms"), from which it takes "X is Y", "set X to Y", birth dates, agreement
// with terms, "check X", e-mail addresses and phone numbers.

export interface Fact {
  /** The words naming the target ("Date of birth"), or the exact field key for JSON / key-value input. */
  label: string;
  value: string;
  /** 'pair': stated as label/value; 'flag': a yes/no intent (agree, check …); 'loose': guessed from prose. */
  kind: 'pair' | 'flag' | 'loose';
}

export function parseInstructions(text: string): Fact[] {
  const trimmed = text.trim();
  const json = jsonFacts(trimmed);
  if (json) return json;
  const facts: Fact[] = [];
  const sentences = trimmed.split(/\r?\n/).flatMap((line) => line.split(/(?<!\b\d{1,2}\.)(?<=[.!?])\s+(?=\p{Lu})/u));
  for (const sentence of sentences) {
    for (const seg of splitPairs(sentence)) {
      const pair = /^\s*(?:[-*•]\s*)?([^:=\n]{1,80}?)\s*(?::|=|->|→)\s*(.*\S)\s*$/u.exec(seg);
      if (pair && !/^https?$/i.test(pair[1]) && !/\b(?:is|are|was)\b/i.test(pair[1])) {
        facts.push({ label: pair[1].trim(), value: unquote(pair[2]), kind: 'pair' });
        continue;
      }
      facts.push(...proseFacts(seg));
    }
  }
  // Contact details written anywhere count too (a loose fact fills nothing when its value was written already).
  const given = new Set(facts.filter((f) => /email|phone|tel/i.test(f.label)).map((f) => f.value));
  for (const m of trimmed.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)) if (!given.has(m[0])) facts.push({ label: 'email', value: m[0], kind: 'loose' });
  for (const m of trimmed.matchAll(/(?<![\w/.-])\+?\(?\d[\d\s().-]{7,}\d(?![\w/.-])/g)) {
    const v = m[0].trim();
    if (!given.has(v) && ![...given].some((g) => g.includes(v)) && v.replace(/\D/g, '').length >= 8 && !/^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(v)) {
      facts.push({ label: 'phone', value: v, kind: 'loose' });
    }
  }
  return facts;
}

/** A JSON object (possibly nested) → one fact per leaf, labelled with its dotted path. */
function jsonFacts(text: string): Fact[] | null {
  if (!text.startsWith('{')) return null;
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    return null;
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return null;
  const out: Fact[] = [];
  const walk = (v: unknown, path: string) => {
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) out.push({ label: path, value: v.map(String).join(', '), kind: 'pair' });
    else if (typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
    else out.push({ label: path, value: String(v), kind: 'pair' });
  };
  walk(obj, '');
  return out;
}

/** "Name: Jane Roe, Email: jane@x.org; City: Oslo" → three segments (commas only before another "Key:"). */
function splitPairs(line: string): string[] {
  return line
    .split(/;\s*|,\s*(?=[\p{L}][\p{L}\p{N} _'’()/-]{0,40}\s*[:=]\s)/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function unquote(v: string): string {
  const t = v.trim().replace(/[.,;]$/, '');
  const m = /^["'“‘](.*)["'”’]$/u.exec(t);
  return (m ? m[1] : t).trim();
}

const NEGATED = /\b(?:does not|doesn't|do not|don't|did not|didn't|not|never|refuses? to|declines? to)\s+(?:agree|accept|consent|want|wish|opt)/i;
const AGREE = /\b(?:agrees?|agreed|accepts?|accepted|consents?|consented|opts? in|subscribes?|acknowledges?)\b\s*(?:to|with)?\s*(?:the|all)?\s*(.*)$/i;
const CHECK = /^(?:please\s+)?(?:check|tick|mark|select|choose|pick)\s+(?:the\s+)?(.+?)(?:\s+(?:box|checkbox|option))?$/i;
const IS = /^(?:(?:my|the|his|her|their|our|its)\s+)?([\p{L}][\p{L}\p{N} '’/-]{0,40}?)\s+(?:is|are|was|should be|will be|=)\s+(.+)$/iu;
const SET = /^(?:please\s+)?(?:set|fill(?:\s+in)?|put|enter|write|use)\s+(?:the\s+)?(.+?)\s+(?:to|with|as|=)\s+(.+)$/i;
const BORN = /\bborn\s+(?:on\s+)?(.+?)(?:\s+in\s+([\p{L} -]+))?$/iu;
const LIVES = /\b(?:lives|living|resides|residing|located)\s+(?:at|in)\s+(.+)$/i;

/** Facts from a sentence of prose, clause by clause. */
function proseFacts(sentence: string): Fact[] {
  const out: Fact[] = [];
  const clauses = sentence
    .split(/(?<=[^\d\s])\.\s+|,\s*(?:and\s+|but\s+)?(?=(?:who\s+|and\s+)?(?:born|agrees?|accepts?|consents?|does|doesn't|lives|is|has|check|tick|select|email|phone|his|her|their|the|my)\b)|\s+and\s+(?=(?:(?:she|he|they|i|we)\s+)?(?:agrees?|agree|accepts?|consents?|does|doesn't|do|don't|lives|check|tick|select|is)\b)|;\s*/i)
    .map((c) => c.trim().replace(/^(?:and|but|who|which|she|he|they)\s+/i, '').replace(/[.!]+$/, ''))
    .filter((c) => c.length > 0);
  for (const clause of clauses) {
    let m: RegExpExecArray | null;
    if ((m = BORN.exec(clause))) {
      out.push({ label: 'birth date', value: m[1].trim(), kind: 'loose' });
      if (m[2]) out.push({ label: 'birth place', value: m[2].trim(), kind: 'loose' });
      continue;
    }
    if (NEGATED.test(clause)) {
      const rest = clause.replace(NEGATED, '').replace(/^\s*(?:to|with)?\s*(?:the)?\s*/i, '');
      out.push({ label: `agree ${rest}`.trim(), value: 'false', kind: 'flag' });
      continue;
    }
    if ((m = AGREE.exec(clause))) {
      out.push({ label: `agree ${m[1]}`.trim(), value: 'true', kind: 'flag' });
      continue;
    }
    if ((m = SET.exec(clause))) {
      out.push({ label: m[1], value: unquote(m[2]), kind: 'pair' });
      continue;
    }
    if ((m = CHECK.exec(clause))) {
      out.push({ label: m[1], value: 'true', kind: 'flag' });
      continue;
    }
    if ((m = LIVES.exec(clause))) {
      out.push({ label: 'address', value: unquote(m[1]), kind: 'loose' });
      continue;
    }
    if ((m = IS.exec(clause))) out.push({ label: m[1], value: unquote(m[2]), kind: 'loose' });
  }
  return out;
}
