// DOCX editing: fills {{placeholders}} in the document body, headers and footers. Word often splits a
// placeholder over several runs, so each paragraph's text runs are read as one string, placeholders are
// found there, and the replacement is written back into the runs it spanned.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { RunFailure } from '../../runs/failures.ts';

const PART = /^word\/(?:document|header\d*|footer\d*)\.xml$/;
const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;
const TEXT_NODE = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:t(?:\s[^>]*)?\/>/g;

export interface DocxPackage {
  files: Record<string, Uint8Array>;
  /** Placeholder names in order of first appearance. */
  placeholders: string[];
}

export function readDocx(bytes: Uint8Array): DocxPackage {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (err) {
    throw new RunFailure('corrupt_document', `The DOCX archive could not be read: ${(err as Error).message}`);
  }
  if (!files['word/document.xml']) throw new RunFailure('corrupt_document', 'The DOCX archive has no word/document.xml');
  const names = new Set<string>();
  for (const [path, data] of Object.entries(files)) {
    if (!PART.test(path)) continue;
    forEachParagraph(strFromU8(data), (text) => {
      for (const m of text.matchAll(PLACEHOLDER)) names.add(m[1]);
      return null;
    });
  }
  return { files, placeholders: [...names] };
}

/** Replace placeholders that have a value; others stay as written. Returns the new DOCX bytes. */
export function fillDocx(pkg: DocxPackage, values: Map<string, string>): Uint8Array {
  const out: Record<string, Uint8Array> = {};
  for (const [path, data] of Object.entries(pkg.files)) {
    if (!PART.test(path)) {
      out[path] = data;
      continue;
    }
    const xml = forEachParagraph(strFromU8(data), (_text, nodes) => replaceInNodes(nodes, values));
    out[path] = strToU8(xml);
  }
  return zipSync(out, { level: 6 });
}

/** Calls `fn` with each paragraph's joined text and its text-node strings; a returned array replaces them. */
function forEachParagraph(xml: string, fn: (text: string, nodes: string[]) => string[] | null): string {
  return xml.replace(/<w:p\b[^>]*>[\s\S]*?<\/w:p>/g, (para) => {
    const nodes = [...para.matchAll(TEXT_NODE)].map((m) => decodeXml(m[1] ?? ''));
    const text = nodes.join('');
    if (!text.includes('{{')) return para;
    const next = fn(text, nodes);
    if (!next) return para;
    let i = 0;
    return para.replace(TEXT_NODE, () => `<w:t xml:space="preserve">${encodeXml(next[i++] ?? '')}</w:t>`);
  });
}

function replaceInNodes(nodes: string[], values: Map<string, string>): string[] {
  const t = [...nodes];
  const starts: number[] = [];
  let pos = 0;
  for (const n of t) {
    starts.push(pos);
    pos += n.length;
  }
  const joined = t.join('');
  const matches = [...joined.matchAll(PLACEHOLDER)].filter((m) => values.has(m[1])).reverse();
  const nodeAt = (offset: number) => {
    let k = 0;
    while (k + 1 < t.length && starts[k + 1] <= offset) k++;
    return k;
  };
  for (const m of matches) {
    const s = m.index ?? 0;
    const e = s + m[0].length;
    const a = nodeAt(s);
    const b = nodeAt(e - 1);
    const value = values.get(m[1]) ?? '';
    if (a === b) {
      t[a] = t[a].slice(0, s - starts[a]) + value + t[a].slice(e - starts[a]);
    } else {
      t[a] = t[a].slice(0, s - starts[a]) + value;
      for (let k = a + 1; k < b; k++) t[k] = '';
      t[b] = t[b].slice(e - starts[b]);
    }
  }
  return t;
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()];
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

function encodeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
