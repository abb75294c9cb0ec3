// DOCX → LoadedDocument: mammoth converts the document body to HTML (headings, lists, tables; comments
// and footnote bodies are left out), which the HTML block loader turns into lines and tables. One page:
// a DOCX has no fixed pagination.
import mammoth from 'mammoth';
import { htmlToBlocks } from '../html-to-blocks.ts';
import { pageFromBlocks } from '../synthetic-lines.ts';
import type { LoadedDocument } from '../types.ts';
import { OFFICE_MIME, type OfficeLoadOptions, corrupt, finishDocument } from './office-document.ts';
import { type ZipLimits, sanitizeZip } from './zip-limits.ts';

export async function loadDocx(bytes: Uint8Array, opts: OfficeLoadOptions & { zipLimits?: ZipLimits }): Promise<LoadedDocument> {
  const clean = sanitizeZip(bytes, opts.zipLimits);
  let html: string;
  try {
    const buffer = Buffer.from(clean.buffer, clean.byteOffset, clean.byteLength);
    // Images are not text: skip them instead of inlining them as base64 data URIs.
    const result = await mammoth.convertToHtml({ buffer }, { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) });
    html = result.value;
  } catch (err) {
    throw corrupt('Word document', err);
  }
  return finishDocument('docx', OFFICE_MIME.docx, [pageFromBlocks(1, htmlToBlocks(tidy(html)))], opts);
}

/** Drop mammoth's note reference marks ("[1]") and back-links ("↑"); unwrap list-item paragraphs. */
function tidy(html: string): string {
  return html
    .replace(/<sup><a href="#[^"]*(?:footnote|endnote|comment)-[^"]*"[^>]*>\[[^\]<]*\]<\/a><\/sup>/g, '')
    .replace(/\s*<a href="#[^"]*-ref-[^"]*">\u2191<\/a>/g, '')
    .replace(/(<li[^>]*>)\s*<p>/g, '$1')
    .replace(/<\/p>\s*<\/li>/g, '</li>');
}
