// PPTX → LoadedDocument: each slide (in presentation order) is a page of its text runs and tables, then
// its speaker notes under a "Notes:" line. The archive is read with bounded unzipping (zip-limits.ts).
import { strFromU8 } from 'fflate';
import { RunFailure } from '../../runs/failures.ts';
import { pageFromBlocks } from '../synthetic-lines.ts';
import type { LoadedDocument, Page } from '../types.ts';
import { drawingmlBlocks } from './drawingml-text.ts';
import { OFFICE_MIME, type OfficeLoadOptions, checkPageCount, finishDocument } from './office-document.ts';
import { type ZipLimits, readZip } from './zip-limits.ts';

export async function loadPptx(bytes: Uint8Array, opts: OfficeLoadOptions & { zipLimits?: ZipLimits }): Promise<LoadedDocument> {
  const files = readZip(bytes, opts.zipLimits, (n) => n.startsWith('ppt/') && (n.endsWith('.xml') || n.endsWith('.rels')));
  const text = (name: string): string | null => (files[name] ? strFromU8(files[name]) : null);
  const presentation = text('ppt/presentation.xml');
  if (presentation === null) throw new RunFailure('corrupt_document', 'The presentation has no ppt/presentation.xml part');
  const slides = slideOrder(presentation, text('ppt/_rels/presentation.xml.rels') ?? '', Object.keys(files));
  checkPageCount(slides.length, opts.maxPages);
  const pages: Page[] = [];
  for (const slide of slides) {
    const xml = text(slide);
    const blocks = xml ? drawingmlBlocks(xml) : [];
    const notesPath = relTargets(text(relsPath(slide)) ?? '', slide).find((t) => /notesSlides\/[^/]+\.xml$/.test(t));
    const notesXml = notesPath ? text(notesPath) : null;
    // Notes pages carry the slide number as a field; keep only real note text.
    const notes = notesXml ? drawingmlBlocks(notesXml).filter((b) => b.kind !== 'text' || !/^\d+$/.test(b.text)) : [];
    if (notes.length > 0) blocks.push({ kind: 'text', text: 'Notes:' }, ...notes);
    pages.push(pageFromBlocks(pages.length + 1, blocks));
  }
  return finishDocument('pptx', OFFICE_MIME.pptx, pages, opts);
}

/** Slide part names in presentation order (sldIdLst → relationship targets), else by slide number. */
function slideOrder(presentation: string, rels: string, names: string[]): string[] {
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, resolve('ppt/presentation.xml', target));
  }
  const ordered: string[] = [];
  for (const m of presentation.matchAll(/<p:sldId\b[^>]*>/g)) {
    const rid = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    const target = rid ? targets.get(rid) : undefined;
    if (target && names.includes(target) && !ordered.includes(target)) ordered.push(target);
  }
  if (ordered.length > 0) return ordered;
  const num = (n: string) => Number(/(\d+)\.xml$/.exec(n)?.[1] ?? 0);
  return names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).sort((a, b) => num(a) - num(b));
}

function relsPath(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

function relTargets(rels: string, part: string): string[] {
  return [...rels.matchAll(/\bTarget="([^"]+)"/g)].map((m) => resolve(part, m[1]));
}

/** Resolve a relationship target relative to the part that owns it. */
function resolve(part: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const out = part.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.') out.push(seg);
  }
  return out.join('/');
}
