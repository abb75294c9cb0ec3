// JSON from model text: a strict reader (tolerating ``` fences and prose around one object) and a tolerant
// reader for incomplete JSON while tokens stream in (open strings, arrays and objects are closed; a key
// without a value yet is left out).

/** The JSON value in a model answer, or throws SyntaxError. */
export function parseModelJson(text: string): unknown {
  const t = stripFences(text);
  try {
    return JSON.parse(t);
  } catch (err) {
    const start = t.search(/[{[]/);
    const end = Math.max(t.lastIndexOf('}'), t.lastIndexOf(']'));
    if (start >= 0 && end > start) return JSON.parse(t.slice(start, end + 1));
    throw err;
  }
}

/** The value an incomplete JSON text has so far; undefined when nothing usable has arrived yet. */
export function parsePartialJson(text: string): unknown {
  const t = stripFences(text);
  const start = t.search(/[{[]/);
  if (start < 0) return undefined;
  const p = new Reader(t, start);
  try {
    return p.value();
  } catch {
    return undefined;
  }
}

function stripFences(text: string): string {
  let t = text.trim();
  const fence = /^```[a-zA-Z]*\s*\n?/.exec(t);
  if (fence) t = t.slice(fence[0].length);
  return t.replace(/\n?```\s*$/, '').trim();
}

class Reader {
  constructor(private readonly s: string, private i: number) {}

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }

  private get eof(): boolean {
    return this.i >= this.s.length;
  }

  value(): unknown {
    this.ws();
    if (this.eof) return undefined;
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string().value;
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      const rest = this.s.slice(this.i, this.i + word.length);
      if (rest === word) {
        this.i += word.length;
        return v;
      }
      if (word.startsWith(rest)) {
        this.i = this.s.length; // an unfinished literal at the end
        return undefined;
      }
    }
    throw new SyntaxError(`unexpected '${c}'`);
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    for (;;) {
      this.ws();
      if (this.eof) return out;
      if (this.s[this.i] === '}') {
        this.i++;
        return out;
      }
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      const key = this.string();
      if (!key.complete) return out;
      this.ws();
      if (this.eof) return out;
      if (this.s[this.i] !== ':') throw new SyntaxError('expected :');
      this.i++;
      const v = this.value();
      if (v === undefined) return out;
      out[key.value] = v;
    }
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.i++;
    for (;;) {
      this.ws();
      if (this.eof) return out;
      if (this.s[this.i] === ']') {
        this.i++;
        return out;
      }
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      const v = this.value();
      if (v === undefined) return out;
      out.push(v);
    }
  }

  private string(): { value: string; complete: boolean } {
    if (this.s[this.i] !== '"') throw new SyntaxError('expected a string');
    let j = this.i + 1;
    let raw = '';
    while (j < this.s.length) {
      const c = this.s[j];
      if (c === '\\') {
        if (j + 1 >= this.s.length) break;
        raw += c + this.s[j + 1];
        j += 2;
        continue;
      }
      if (c === '"') {
        this.i = j + 1;
        return { value: JSON.parse(`"${raw}"`) as string, complete: true };
      }
      raw += c;
      j++;
    }
    this.i = this.s.length;
    let value: string;
    try {
      value = JSON.parse(`"${raw.replace(/\\u[0-9a-fA-F]{0,3}$/, '')}"`) as string;
    } catch {
      value = raw;
    }
    return { value, complete: false };
  }

  private number(): number | undefined {
    const m = /^-?\d*(\.\d*)?([eE][+-]?\d*)?/.exec(this.s.slice(this.i))!;
    this.i += m[0].length;
    const n = Number.parseFloat(m[0]);
    return Number.isFinite(n) ? n : undefined;
  }
}
