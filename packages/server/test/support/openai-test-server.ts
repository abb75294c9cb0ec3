// An OpenAI-compatible Chat Completions server for tests (node:http), speaking the real protocol:
// JSON completions with `usage`, SSE streaming (`data: {chat.completion.chunk}` lines, a usage chunk when
// stream_options.include_usage, then `data: [DONE]`), error bodies `{"error": {message, type, code}}`,
// 429 with Retry-After, Bearer auth. What it answers is up to the test's responder. It records every
// request, and when a client aborts one, how long after the request arrived (and when) the socket closed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface ChatBody {
  model: string;
  messages: { role: string; content: unknown }[];
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> } };
  temperature?: number;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  [k: string]: unknown;
}

export type Reply =
  | { content: string; finishReason?: string; chunkSize?: number; chunkDelayMs?: number }
  | { status: number; message: string; type?: string; code?: string; headers?: Record<string, string> }
  | { hang: true }
  | { raw: string; status?: number; contentType?: string };

export interface RecordedRequest {
  body: ChatBody;
  authorization: string | null;
  /** performance.now() when the request body had arrived. */
  receivedAt: number;
  /** performance.now() when the connection closed before the answer was complete (client abort). */
  abortedAt: number | null;
  status: number | null;
}

export interface OpenAiTestServer {
  /** Base URL including /v1, as a client configures it. */
  baseUrl: string;
  requests: RecordedRequest[];
  respond: (body: ChatBody, index: number) => Reply | Promise<Reply>;
  /** Resolves when `n` requests have arrived. */
  waitForRequests(n: number): Promise<void>;
  /** Resolves when request `index` has been aborted by the client. */
  waitForAbort(index: number): Promise<RecordedRequest>;
  close(): Promise<void>;
}

export async function startOpenAiTestServer(o: { apiKey?: string; respond?: OpenAiTestServer['respond']; jsonSchema?: boolean } = {}): Promise<OpenAiTestServer> {
  const requests: RecordedRequest[] = [];
  const waiters: (() => void)[] = [];
  const poke = () => waiters.splice(0).forEach((w) => w());
  const until = (ok: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (ok() ? resolve() : waiters.push(check));
      check();
    });
  const sockets = new Set<import('node:net').Socket>();
  let respond: OpenAiTestServer['respond'] = o.respond ?? (() => ({ content: '{}' }));

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = req.url ?? '';
    if (req.method === 'GET' && url.endsWith('/models')) return sendJson(res, 200, { object: 'list', data: [{ id: 'test-model', object: 'model', owned_by: 'test' }] });
    if (req.method !== 'POST' || !url.endsWith('/chat/completions')) return sendError(res, 404, `Unknown path ${url}`, 'invalid_request_error');
    let body: ChatBody;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatBody;
    } catch {
      return sendError(res, 400, 'We could not parse the JSON body of your request.', 'invalid_request_error');
    }
    const rec: RecordedRequest = { body, authorization: req.headers.authorization ?? null, receivedAt: performance.now(), abortedAt: null, status: null };
    const index = requests.push(rec) - 1;
    res.on('close', () => {
      if (!res.writableFinished) rec.abortedAt = performance.now();
      poke();
    });
    poke();
    if (o.apiKey && rec.authorization !== `Bearer ${o.apiKey}`) {
      rec.status = 401;
      const shown = (rec.authorization ?? '').replace(/^Bearer /, '');
      return sendError(res, 401, `Incorrect API key provided: ${shown}. You can find your API key at https://example.invalid.`, 'invalid_request_error', 'invalid_api_key');
    }
    if (o.jsonSchema === false && body.response_format?.type === 'json_schema') {
      rec.status = 400;
      return sendError(res, 400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", 'invalid_request_error', 'unsupported_parameter');
    }
    const reply = await respond(body, index);
    if ('hang' in reply) return; // never answers; the client times out or aborts
    if ('raw' in reply) {
      rec.status = reply.status ?? 200;
      res.writeHead(rec.status, { 'content-type': reply.contentType ?? 'application/json' });
      return res.end(reply.raw);
    }
    if ('status' in reply) {
      rec.status = reply.status;
      return sendError(res, reply.status, reply.message, reply.type ?? (reply.status === 429 ? 'rate_limit_exceeded' : 'server_error'), reply.code ?? null, reply.headers);
    }
    rec.status = 200;
    const usage = { prompt_tokens: promptTokens(body), completion_tokens: Math.ceil(reply.content.length / 4) };
    const total = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
    const id = `chatcmpl-${index}`;
    const created = Math.floor(Date.now() / 1000);
    if (!body.stream) {
      return sendJson(res, 200, {
        id, object: 'chat.completion', created, model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: reply.content, refusal: null }, logprobs: null, finish_reason: reply.finishReason ?? 'stop' }],
        usage: total,
      });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices, ...extra })}\n\n`;
    res.write(chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]));
    const size = reply.chunkSize ?? 6;
    for (let i = 0; i < reply.content.length; i += size) {
      if (res.destroyed) return;
      res.write(chunk([{ index: 0, delta: { content: reply.content.slice(i, i + size) }, finish_reason: null }]));
      if (reply.chunkDelayMs) await new Promise((r) => setTimeout(r, reply.chunkDelayMs));
    }
    res.write(chunk([{ index: 0, delta: {}, finish_reason: reply.finishReason ?? 'stop' }]));
    if (body.stream_options?.include_usage) res.write(chunk([], { usage: total }));
    res.end('data: [DONE]\n\n');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const api: OpenAiTestServer = {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    get respond() {
      return respond;
    },
    set respond(f) {
      respond = f;
    },
    waitForRequests: (n) => until(() => requests.length >= n),
    waitForAbort: async (i) => {
      await until(() => requests[i]?.abortedAt != null);
      return requests[i];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return api;
}

/** The text of every message, for tests that answer from the prompt. */
export function promptText(body: ChatBody): string {
  return body.messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))).join('\n');
}

function promptTokens(body: ChatBody): number {
  return Math.ceil(promptText(body).length / 4);
}

function sendJson(res: http.ServerResponse, status: number, obj: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(obj));
}

function sendError(res: http.ServerResponse, status: number, message: string, type: string, code: string | null = null, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error: { message, type, param: null, code } }, headers);
}
