// HTML → readable blocks: text lines (block tags become line breaks, script/style dropped, entities
// decoded) and tables (<table> rows of <td>/<th> cells). A small tolerant scanner, not a full HTML parser.
import type { Table } from './types.ts';

export type Block = { kind: 'text'; text: string } | { kind: 'table'; table: Omit<Table, 'lineStart' | 'lineEnd'> };

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'details', 'title', 'ul', 'option',
]);
const DROP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head_meta', 'iframe', 'object']);

interface TableState {
  rows: string[][];
  row: string[] | null;
  cell: string | null;
  headerRow: boolean[];
  rowIsHeader: boolean;
}

export function htmlToBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  let text = '';
  let pre = 0;
  const tables: TableState[] = [];
  const flushText = () => {
    for (const line of text.split('\n')) {
      const clean = pre > 0 ? line.replace(/\s+$/, '') : line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim();
      if (clean.length > 0) blocks.push({ kind: 'text', text: clean });
    }
    text = '';
  };
  const append = (s: string) => {
    const t = tables[tables.length - 1];
    if (t && t.cell !== null) t.cell += s;
    else if (t) return; // stray text between cells
    else text += s;
  };
  const lower = html.toLowerCase();
  const tokens = scanTags(html);
  let last = 0;
  for (let tok = tokens.next(); !tok.done; tok = tokens.next()) {
    const m = tok.value;
    if (m.start < last) continue; // inside a dropped element
    const raw = html.slice(last, m.start);
    if (raw) append(pre > 0 ? decodeEntities(raw) : decodeEntities(raw.replace(/\s+/g, ' ')));
    last = m.end;
    const name = m.name;
    if (!name) continue; // comment, CDATA or doctype
    const closing = m.closing;
    if (DROP_TAGS.has(name) && !closing && !m.selfClosing) {
      const end = lower.indexOf(`</${name}`, last);
      last = end < 0 ? html.length : html.indexOf('>', end) + 1 || html.length;
      continue;
    }
    if (name === 'table') {
      if (!closing) {
        if (tables.length === 0) flushText();
        else append(' ');
        tables.push({ rows: [], row: null, cell: null, headerRow: [], rowIsHeader: false });
      } else if (tables.length > 0) {
        const t = tables.pop()!;
        closeRow(t);
        const inner = t.rows.map((r) => r.join(' ')).join(' ');
        if (tables.length > 0) append(` ${inner} `); // nested table: its text joins the outer cell
        else if (t.rows.length > 0) emitTable(blocks, t);
      }
      continue;
    }
    const t = tables[tables.length - 1];
    if (t) {
      if (name === 'tr') {
        closeRow(t);
        if (!closing) {
          t.row = [];
          t.rowIsHeader = true;
        }
        continue;
      }
      if (name === 'td' || name === 'th') {
        closeCell(t);
        if (!closing) {
          if (!t.row) {
            t.row = [];
            t.rowIsHeader = true;
          }
          if (name === 'td') t.rowIsHeader = false;
          t.cell = '';
        }
        continue;
      }
      if (name === 'br' || (BLOCK_TAGS.has(name) && t.cell !== null)) append(' ');
      continue;
    }
    if (name === 'pre') pre += closing ? (pre > 0 ? -1 : 0) : 1;
    if (BLOCK_TAGS.has(name)) {
      text += '\n';
      if (name === 'li' && !closing) text += '- ';
    }
  }
  const tail = html.slice(last);
  if (tail) append(decodeEntities(pre > 0 ? tail : tail.replace(/\s+/g, ' ')));
  while (tables.length > 0) {
    const t = tables.pop()!;
    closeRow(t);
    if (tables.length === 0 && t.rows.length > 0) emitTable(blocks, t);
  }
  flushText();
  return blocks;
}

interface TagToken {
  start: number;
  end: number;
  name: string | null; // lower-case tag name; null for comments, CDATA, doctype
  closing: boolean;
  selfClosing: boolean;
}

/** Linear scan for tags: a tag runs from '<' + name to the next '>' (quotes are not tracked, which keeps
 *  the scan linear on hostile input); comments end at '-->'. A '<' not starting a tag is text. */
function* scanTags(html: string): Generator<TagToken> {
  let i = 0;
  let nextGt = -2; // cached position of the next '>' at or after i
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) return;
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      const end = close < 0 ? html.length : close + 3;
      yield { start: lt, end, name: null, closing: false, selfClosing: false };
      i = end;
      continue;
    }
    const head = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)|^<!/.exec(html.slice(lt, lt + 64));
    if (!head) {
      i = lt + 1;
      continue;
    }
    if (nextGt !== -1 && nextGt < lt) nextGt = html.indexOf('>', lt);
    if (nextGt < 0) {
      // An unterminated tag: the rest is markup debris, not text.
      yield { start: lt, end: html.length, name: null, closing: false, selfClosing: false };
      return;
    }
    const end = nextGt + 1;
    yield { start: lt, end, name: head[2] ? head[2].toLowerCase() : null, closing: head[1] === '/', selfClosing: html[nextGt - 1] === '/' };
    i = end;
  }
}

function closeCell(t: TableState): void {
  if (t.cell !== null && t.row) t.row.push(t.cell.replace(/\s+/g, ' ').trim());
  t.cell = null;
}

function closeRow(t: TableState): void {
  closeCell(t);
  if (t.row && t.row.length > 0) {
    t.rows.push(t.row);
    t.headerRow.push(t.rowIsHeader);
  }
  t.row = null;
}

function emitTable(blocks: Block[], t: TableState): void {
  const width = t.rows.reduce((w, r) => Math.max(w, r.length), 0);
  const rows = t.rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
  blocks.push({ kind: 'table', table: { rows, hasHeader: t.headerRow[0] === true && rows.length > 1 } });
}

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '©', reg: '®', trade: '™', euro: '€',
  pound: '£', yen: '¥', cent: '¢', sect: '§', deg: '°', plusmn: '±', times: '×', divide: '÷', middot: '·',
  mdash: '—', ndash: '–', hellip: '…', laquo: '«', raquo: '»', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
  bull: '•', shy: '', zwj: '\u200d', zwnj: '\u200c', thinsp: '\u2009', ensp: '\u2002', emsp: '\u2003',
  auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', eacute: 'é', egrave: 'è',
  ecirc: 'ê', aacute: 'á', agrave: 'à', acirc: 'â', ccedil: 'ç', iacute: 'í', oacute: 'ó', uacute: 'ú',
  ntilde: 'ñ', Eacute: 'É', oslash: 'ø', aring: 'å', Aring: 'Å', aelig: 'æ', iexcl: '¡', iquest: '¿',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);?/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body] ?? NAMED[body.toLowerCase()] ?? whole;
  });
}
