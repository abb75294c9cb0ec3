// Prompts from a loaded document: page text keeping its layout (columns as runs of spaces, tables in
// place), framed by page markers, plus the client's instructions and additional_messages. Also the token
// estimate and the page chunking used when a document does not fit the model's context_tokens.
//
// Page images: Docket has no page renderer yet, so `vision: true` models also get text only.
import type { LoadedDocument } from '../../documents/types.ts';
import { RunFailure } from '../../runs/failures.ts';
import { renderPage } from '../parse.ts';
import type { ChatMessage } from './chat-client.ts';
import type { LlmContext } from './llm-context.ts';

/** Rough token count (~3.5 characters a token for mixed text and numbers; errs on the high side). */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 3.5);

export function pageText(doc: LoadedDocument, index: number): string {
  const page = doc.pages[index];
  const body = page ? renderPage(page, 'markdown') : (doc.pageTexts[index] ?? '');
  return `<page number="${index + 1}">\n${body}\n</page>`;
}

export function documentMessage(doc: LoadedDocument, pages: number[]): ChatMessage {
  const head = `Document "${doc.filename}" (${doc.format}, ${doc.pages.length} page${doc.pages.length === 1 ? '' : 's'}${pages.length < doc.pages.length ? `; this part shows pages ${pages[0] + 1}-${pages[pages.length - 1] + 1}` : ''}):`;
  return { role: 'user', content: `${head}\n\n${pages.map((i) => pageText(doc, i)).join('\n\n')}` };
}

/** The client's additional_messages as chat messages (roles other than system/assistant become user). */
export function additionalMessages(params: Record<string, unknown>): ChatMessage[] {
  const raw = params.additional_messages;
  if (!Array.isArray(raw)) return [];
  const out: ChatMessage[] = [];
  for (const m of raw) {
    if (typeof m !== 'object' || m === null) continue;
    const r = m as { role?: unknown; content?: unknown };
    const role = r.role === 'system' || r.role === 'assistant' ? r.role : 'user';
    if (typeof r.content === 'string') out.push({ role, content: r.content });
    else if (Array.isArray(r.content)) out.push({ role, content: r.content as ChatMessage['content'] });
  }
  return out;
}

export function systemPrompt(task: string, params: Record<string, unknown>): ChatMessage {
  const instr = typeof params.instructions === 'string' && params.instructions.trim() ? `\n\nInstructions from the user:\n${params.instructions.trim()}` : '';
  return {
    role: 'system',
    content:
      `You are a careful document analysis model. The document is given as text page by page between <page number="N"> markers; ` +
      `line layout is kept (wide gaps separate columns, tables are in Markdown). ${task}${instr}`,
  };
}

const messageTokens = (messages: ChatMessage[]): number =>
  messages.reduce((n, m) => n + 4 + estimateTokens(typeof m.content === 'string' ? m.content : JSON.stringify(m.content)), 0);

/**
 * Page indices grouped so each group's prompt fits the context: the fixed part (`fixed` messages and
 * `schema`) plus the pages plus room for the answer. One group when everything fits.
 */
export function pageChunks(ctx: LlmContext, doc: LoadedDocument, pages: number[], fixed: ChatMessage[], schema: unknown): number[][] {
  const spec = ctx.client.spec;
  const answerRoom = spec.maxOutputTokens ?? Math.min(4096, Math.floor(spec.contextTokens / 4));
  const budget = spec.contextTokens - answerRoom - messageTokens(fixed) - estimateTokens(JSON.stringify(schema ?? {})) - 64;
  if (budget < 64) {
    throw new RunFailure('model_error', `Model '${ctx.client.name}' has context_tokens ${spec.contextTokens}, too small for the instructions and schema of this request`, { model: ctx.client.name });
  }
  const chunks: number[][] = [];
  let cur: number[] = [];
  let used = 0;
  for (const i of pages) {
    const t = estimateTokens(pageText(doc, i)) + 2;
    if (cur.length && used + t > budget) {
      chunks.push(cur);
      cur = [];
      used = 0;
    }
    cur.push(i);
    used += t; // a single page larger than the budget goes alone (the endpoint may still accept it)
  }
  if (cur.length) chunks.push(cur);
  return chunks;
}
