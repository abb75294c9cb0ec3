// How an edit run loads its document: as every run does; a DOCX the shared loaders cannot read (yet)
// becomes an empty one-page text document, since the edit engine works on its XML anyway.
import { loadDocument, type LoadDocumentOptions } from '../../documents/load-document.ts';
import { sniffFormat } from '../../documents/sniff.ts';
import type { LoadedDocument } from '../../documents/types.ts';
import { RunFailure } from '../../runs/failures.ts';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function loadEditDocument(bytes: Uint8Array, opts: LoadDocumentOptions): Promise<LoadedDocument> {
  try {
    return await loadDocument(bytes, opts);
  } catch (err) {
    if (!(err instanceof RunFailure) || err.code !== 'unsupported_format' || sniffFormat(bytes, opts.filename).mimeType !== DOCX_MIME) throw err;
    return {
      format: 'text',
      mimeType: DOCX_MIME,
      filename: opts.filename,
      pages: [{ number: 1, width: 0, height: 0, lines: [], tables: [] }],
      pageTexts: [''],
    };
  }
}
