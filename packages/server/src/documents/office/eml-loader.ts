// EML (RFC 822/MIME) → LoadedDocument with postal-mime: page 1 holds the From/To/Cc/Subject/Date
// headers and the body (plain text, else the HTML's readable text and tables); each attached document
// is loaded through loadDocument (depth-limited) and appended as further pages. An attachment that
// cannot be read becomes a one-line page naming it and why, so the mail itself still parses.
import PostalMime, { type Address, type Attachment } from 'postal-mime';
import { RunFailure } from '../../runs/failures.ts';
import { htmlToBlocks, type Block } from '../html-to-blocks.ts';
import { pageFromBlocks } from '../synthetic-lines.ts';
import type { LoadedDocument, Page } from '../types.ts';
import { OFFICE_MIME, type OfficeLoadOptions, checkPageCount, corrupt, finishDocument } from './office-document.ts';

export const MAX_ATTACHMENT_DEPTH = 3;
const MAX_ATTACHMENTS = 50;

export type LoadNested = (bytes: Uint8Array, filename: string, depth: number) => Promise<LoadedDocument>;

export async function loadEml(bytes: Uint8Array, opts: OfficeLoadOptions & { depth?: number; loadNested: LoadNested }): Promise<LoadedDocument> {
  const depth = opts.depth ?? 0;
  let mail;
  try {
    mail = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 64 });
  } catch (err) {
    throw corrupt('email message', err);
  }
  const header = (key: string) => mail.headers.find((h) => h.key === key)?.value?.trim();
  const blocks: Block[] = [];
  const line = (label: string, value: string | undefined) => value && blocks.push({ kind: 'text', text: `${label}: ${value.replace(/\s+/g, ' ')}` });
  line('From', addresses(mail.from ? [mail.from] : []) || header('from'));
  line('To', addresses(mail.to ?? []) || header('to'));
  line('Cc', addresses(mail.cc ?? []));
  line('Subject', mail.subject);
  line('Date', header('date') ?? mail.date);
  if (blocks.length > 0) blocks.push({ kind: 'text', text: '' });
  blocks.push(...bodyBlocks(mail.text, mail.html));
  const pages: Page[] = [pageFromBlocks(1, blocks)];
  const warnings: string[] = [];
  const attachments = mail.attachments.filter(isDocument).slice(0, MAX_ATTACHMENTS);
  for (const [i, att] of attachments.entries()) {
    const name = att.filename ?? `attachment-${i + 1}`;
    const content = typeof att.content === 'string' ? new TextEncoder().encode(att.content) : new Uint8Array(att.content);
    if (depth + 1 > MAX_ATTACHMENT_DEPTH) {
      warnings.push(`Attachment ${name} not read: attachments nest deeper than ${MAX_ATTACHMENT_DEPTH} levels`);
      continue;
    }
    try {
      const doc = await opts.loadNested(content, name, depth + 1);
      checkPageCount(pages.length + doc.pages.length, opts.maxPages);
      const first = doc.pages[0];
      if (first) first.lines.unshift(...pageFromBlocks(0, [{ kind: 'text', text: `Attachment: ${name}` }]).lines);
      pages.push(...doc.pages.map(shiftTables));
      for (const w of doc.warnings ?? []) warnings.push(`${name}: ${w}`);
    } catch (err) {
      if (err instanceof RunFailure && (err.code === 'too_many_pages' || err.code === 'cancelled' || err.code === 'timeout')) throw err;
      const code = err instanceof RunFailure ? err.code : 'internal_error';
      warnings.push(`Attachment ${name} not read (${code})`);
      pages.push(pageFromBlocks(0, [{ kind: 'text', text: `Attachment: ${name} (could not be read: ${code})` }]));
    }
  }
  return finishDocument('eml', OFFICE_MIME.eml, pages, opts, warnings);
}

/** Plain text when the mail has it (mail HTML is mostly layout); else the HTML's text and tables. */
function bodyBlocks(text: string | undefined, html: string | undefined): Block[] {
  if (text && text.trim()) {
    const lines = text.replace(/\r\n?/g, '\n').replace(/\s+$/, '').split('\n');
    while (lines.length > 0 && !lines[0].trim()) lines.shift();
    return lines.map((l) => ({ kind: 'text' as const, text: l.replace(/\t/g, '    ').replace(/\s+$/, '') }));
  }
  return html ? htmlToBlocks(html) : [];
}

/** Attached documents worth reading: named or non-text parts that are not inline images of the HTML. */
function isDocument(a: Attachment): boolean {
  if (a.related || (a.contentId && a.disposition === 'inline' && a.mimeType.startsWith('image/'))) return false;
  const size = typeof a.content === 'string' ? a.content.length : a.content.byteLength;
  return size > 0 && a.mimeType !== 'message/delivery-status' && !a.mimeType.startsWith('text/rfc822-headers');
}

function addresses(list: Address[]): string {
  const one = (a: Address): string => (a.address === undefined ? `${a.name}: ${a.group.map(one).join(', ')}` : a.name ? `${a.name} <${a.address}>` : a.address);
  return list.map(one).join(', ');
}

/** The line prepended to the attachment's first page moves its tables down one line. */
function shiftTables(p: Page, i: number): Page {
  if (i === 0) for (const t of p.tables) (t.lineStart++, t.lineEnd++);
  return p;
}
