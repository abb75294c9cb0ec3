// Parse with an LLM. Decision: the local parse stays the source of truth (the text layer is exact; a model
// transcribing it can only lose or invent text), and the model cleans each page up: reading order,
// headings and lists as Markdown, tables in the requested table_parsing_format, running headers kept.
// One call per page (in parallel, bounded by the model's max_concurrency), so every answer fits the
// context; a page the model answers empty for keeps its local text. No page images are sent (Docket has
// no page renderer yet), so scanned pages without OCR text stay as the local parse left them.
import { TABLE_FORMATS, type TableFormat } from '../table-render.ts';
import { renderPage } from '../parse.ts';
import { RunFailure } from '../../runs/failures.ts';
import { additionalMessages, systemPrompt } from './document-prompt.ts';
import type { LlmEngine } from './llm-context.ts';
import { callStructured } from './structured-call.ts';

const SCHEMA = { type: 'object', properties: { content: { type: 'string' } }, required: ['content'], additionalProperties: false };

export const llmParse: LlmEngine = async (doc, params, ctx) => {
  const format = tableFormat(params.table_parsing_format);
  const system = systemPrompt(
    `Rewrite the page you are given as clean Markdown in reading order: keep every word and number exactly as printed, ` +
      `mark headings and lists, and render each table as ${format === 'markdown' ? 'a Markdown table' : `${format.toUpperCase()}`}. Do not summarise, translate, or add anything. Answer the page's content.`,
    params,
  );
  const extra = additionalMessages(params);
  const total = doc.pages.length;
  let done = 0;
  ctx.progress('parsing', 0, total, 'pages');
  const pages = await Promise.all(
    doc.pages.map(async (page) => {
      const local = renderPage(page, format);
      if (!local.trim()) {
        ctx.progress('parsing', ++done, total, 'pages');
        return local; // nothing to clean up
      }
      const user = { role: 'user' as const, content: `Page ${page.number} of ${total} of "${doc.filename}":\n\n${local}` };
      const answer = (await callStructured(ctx, { name: 'parse_page', schema: SCHEMA, messages: [system, ...extra, user], temperature: 0 })) as { content: string };
      ctx.progress('parsing', ++done, total, 'pages');
      return answer.content.trim() ? answer.content : local;
    }),
  );
  return { output: { pages, text: pages.join('\n\n') }, consensus: null };
};

function tableFormat(value: unknown): TableFormat {
  if (value === undefined || value === null) return 'html';
  if (typeof value === 'string' && (TABLE_FORMATS as readonly string[]).includes(value)) return value as TableFormat;
  throw new RunFailure('invalid_request', `table_parsing_format must be one of ${TABLE_FORMATS.join(', ')}`, { value });
}
