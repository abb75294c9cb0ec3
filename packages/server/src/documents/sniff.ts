// Detects a document's format from its bytes (magic numbers, then text heuristics). The filename only
// breaks ties between text flavours (e.g. .md); it never makes binary bytes count as a supported format.
import { unzipSync } from 'fflate';
import type { DocumentFormat } from './types.ts';

export interface Sniffed {
  /** A format Docket can load, or null when recognised (or not) but unsupported. */
  format: DocumentFormat | null;
  mimeType: string;
  /** Human name of the detected type, for messages ("PNG image", "Word document (DOCX)"). */
  label: string;
}

/** The MIME type reported for password-protected OOXML (DOCX/XLSX/PPTX in an OLE container). */
export const ENCRYPTED_OOXML_MIME = 'application/x-ooxml-encrypted';

const ascii = (b: Uint8Array, start: number, end: number) => String.fromCharCode(...b.subarray(start, end));
const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);

export function sniffFormat(bytes: Uint8Array, filename?: string): Sniffed {
  const head = ascii(bytes, 0, Math.min(bytes.length, 1024));
  if (head.includes('%PDF-')) return { format: 'pdf', mimeType: 'application/pdf', label: 'PDF document' };
  const binary = sniffBinary(bytes);
  if (binary) return binary;
  // Mail is often 8-bit in a legacy charset, so look for RFC 822 headers before deciding it is binary.
  if (isEml(latin1(bytes.subarray(0, 64 * 1024)).trimStart())) {
    return { format: 'eml', mimeType: 'message/rfc822', label: 'email message (EML)' };
  }
  const text = decodeText(bytes);
  if (text === null) return { format: null, mimeType: 'application/octet-stream', label: 'unrecognised binary data' };
  return sniffText(text, filename);
}

function sniffBinary(b: Uint8Array): Sniffed | null {
  const img = (mimeType: string, label: string): Sniffed => ({ format: 'image', mimeType, label });
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return img('image/png', 'PNG image');
  if (startsWith(b, [0xff, 0xd8, 0xff])) return img('image/jpeg', 'JPEG image');
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return img('image/gif', 'GIF image');
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return img('image/tiff', 'TIFF image');
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return img('image/webp', 'WEBP image');
  if (startsWith(b, [0x42, 0x4d]) && b.length > 26 && b[14] !== undefined && [12, 40, 52, 56, 108, 124].includes(b[14])) return img('image/bmp', 'BMP image');
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])) return sniffZip(b);
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffOle(b);
  if (ascii(b, 0, 5) === '{\\rtf') return { format: null, mimeType: 'application/rtf', label: 'RTF document' };
  if (startsWith(b, [0x1f, 0x8b])) return { format: null, mimeType: 'application/gzip', label: 'gzip archive' };
  return null;
}

/** ZIP container: office formats are told apart by their part names, which sit in the local headers. */
function sniffZip(b: Uint8Array): Sniffed {
  const names = latin1(b.subarray(0, Math.min(b.length, 256 * 1024))) + latin1(b.subarray(Math.max(0, b.length - 64 * 1024)));
  const office = (mimeType: string, label: string): Sniffed => ({ format: null, mimeType, label });
  // The main part named in the central directory decides (an embedded workbook in a deck has xl/ parts too).
  const parts = zipPartNames(b);
  if (parts.has('ppt/presentation.xml')) return as('pptx');
  if (parts.has('word/document.xml')) return as('docx');
  if (parts.has('xl/workbook.xml')) return as('xlsx');
  if (names.includes('word/')) return as('docx');
  if (names.includes('xl/')) return as('xlsx');
  if (names.includes('ppt/')) return as('pptx');
  if (names.includes('mimetypeapplication/vnd.oasis.opendocument.text')) return office('application/vnd.oasis.opendocument.text', 'OpenDocument text document (ODT)');
  if (names.includes('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) return office('application/vnd.oasis.opendocument.spreadsheet', 'OpenDocument spreadsheet (ODS)');
  return office('application/zip', 'ZIP archive');
}

/** Entry names from a ZIP's central directory (nothing is inflated); empty when it cannot be read. */
function zipPartNames(b: Uint8Array): Set<string> {
  const names = new Set<string>();
  try {
    unzipSync(b, { filter: (f) => (names.add(f.name), false) });
  } catch {
    // a damaged archive: fall back to the raw name scan
  }
  return names;
}

/** OLE compound file: Word, Excel and Outlook store their stream names in UTF-16 directory entries. */
function sniffOle(b: Uint8Array): Sniffed {
  const s = latin1(b.subarray(0, Math.min(b.length, 512 * 1024))).replace(/\0/g, '');
  // An encrypted DOCX/XLSX/PPTX is an OLE container holding the encrypted ZIP package.
  if (s.includes('EncryptedPackage')) return { format: null, mimeType: ENCRYPTED_OOXML_MIME, label: 'encrypted Office document' };
  if (s.includes('WordDocument')) return { format: null, mimeType: 'application/msword', label: 'Word document (DOC)' };
  if (s.includes('Workbook') || s.includes('Book')) return { format: null, mimeType: 'application/vnd.ms-excel', label: 'Excel workbook (XLS)' };
  if (s.includes('__substg1.0_')) return { format: null, mimeType: 'application/vnd.ms-outlook', label: 'Outlook message (MSG)' };
  if (s.includes('PowerPoint Document')) return { format: null, mimeType: 'application/vnd.ms-powerpoint', label: 'PowerPoint presentation (PPT)' };
  return { format: null, mimeType: 'application/x-ole-storage', label: 'OLE compound document' };
}

function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

/** Decode text: UTF-16 with BOM, or strictly valid UTF-8 without NUL bytes; else null (binary). */
export function decodeText(b: Uint8Array): string | null {
  try {
    if (startsWith(b, [0xff, 0xfe])) return stripNulCheck(new TextDecoder('utf-16le', { fatal: true }).decode(b.subarray(2)));
    if (startsWith(b, [0xfe, 0xff])) return stripNulCheck(new TextDecoder('utf-16be', { fatal: true }).decode(b.subarray(2)));
    if (b.includes(0)) return null;
    const body = startsWith(b, [0xef, 0xbb, 0xbf]) ? b.subarray(3) : b;
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return null;
  }
}

function stripNulCheck(s: string): string | null {
  return s.includes('\0') ? null : s;
}

const MIME: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  json: 'application/json',
  html: 'text/html',
  csv: 'text/csv',
  markdown: 'text/markdown',
  text: 'text/plain',
  image: 'image/png', // images keep the MIME type of their own kind (see sniffBinary)
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  eml: 'message/rfc822',
};
const LABEL: Record<DocumentFormat, string> = {
  pdf: 'PDF document',
  json: 'JSON document',
  html: 'HTML document',
  csv: 'CSV table',
  markdown: 'Markdown document',
  text: 'plain text',
  image: 'image',
  docx: 'Word document (DOCX)',
  xlsx: 'Excel workbook (XLSX)',
  pptx: 'PowerPoint presentation (PPTX)',
  eml: 'email message (EML)',
};
const as = (format: DocumentFormat): Sniffed => ({ format, mimeType: MIME[format], label: LABEL[format] });

function sniffText(text: string, filename?: string): Sniffed {
  const t = text.trimStart();
  const ext = (filename ?? '').toLowerCase().split('.').pop() ?? '';
  if ((t.startsWith('{') || t.startsWith('[')) && isJson(t)) return as('json');
  const lower = t.slice(0, 4096).toLowerCase();
  if (/^<!doctype html|^<html[\s>]/.test(lower) || /<(body|head|table|div|p)[\s>]/.test(lower) && /<\/[a-z]+>/.test(lower)) return as('html');
  if (ext === 'md' || ext === 'markdown') return as('markdown');
  if (ext !== 'txt' && isCsv(text, ext === 'tsv' ? '\t' : undefined)) return as('csv');
  if (hasMarkdownMarkers(t)) return as('markdown');
  return as('text');
}

function isJson(t: string): boolean {
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

/** RFC 822 message: a block of "Name: value" headers at the start including From/Date/Subject-like fields. */
function isEml(t: string): boolean {
  const headerBlock = t.split(/\r?\n\r?\n/, 1)[0];
  const lines = headerBlock.split(/\r?\n/).filter((l) => !/^[ \t]/.test(l));
  if (lines.length < 2 || !lines.every((l) => /^[A-Za-z][A-Za-z0-9-]*:/.test(l))) return false;
  const names = new Set(lines.map((l) => l.slice(0, l.indexOf(':')).toLowerCase()));
  const mail = ['from', 'to', 'subject', 'date', 'message-id', 'mime-version', 'received', 'return-path', 'delivered-to'];
  const known = [...mail, 'content-type', 'content-transfer-encoding', 'reply-to', 'cc'];
  return mail.some((k) => names.has(k)) && known.filter((k) => names.has(k)).length >= 2;
}

/** Consistent delimiter counts (outside quotes) over the first lines, with at least one delimiter per line. */
export function detectCsvDelimiter(text: string): string | null {
  const lines = records(text.slice(0, 64 * 1024)).filter((l) => l.trim().length > 0).slice(0, 50);
  if (lines.length < 2) return null;
  for (const d of [',', ';', '\t', '|']) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const first = counts[0];
    if (first >= 1 && counts.filter((c) => c === first).length >= Math.ceil(lines.length * 0.9)) return d;
  }
  return null;
}

/** Split text into records at newlines outside double quotes (quoted fields may span lines). */
function records(text: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n' && !quoted) {
      out.push(text.slice(start, i).replace(/\r$/, ''));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

function isCsv(text: string, forced?: string): boolean {
  const d = detectCsvDelimiter(text);
  if (d === null || (forced !== undefined && d !== forced)) return false;
  // Prose with a comma per line is not a table: CSV fields are short.
  const fields = records(text.slice(0, 64 * 1024)).slice(0, 50).flatMap((l) => l.split(d));
  const avg = fields.reduce((n, f) => n + f.trim().length, 0) / Math.max(fields.length, 1);
  return avg <= 40;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

function hasMarkdownMarkers(t: string): boolean {
  const sample = t.slice(0, 8192);
  let score = 0;
  if (/^#{1,6} \S/m.test(sample)) score += 2;
  if (/^\s*[-*+] \S/m.test(sample)) score += 1;
  if (/\[[^\]]+\]\([^)]+\)/.test(sample)) score += 2;
  if (/^```/m.test(sample)) score += 2;
  if (/^\|.*\|\s*$/m.test(sample) && /^\|?\s*:?-{3,}/m.test(sample)) score += 2;
  if (/\*\*[^*]+\*\*/.test(sample)) score += 1;
  return score >= 2;
}
