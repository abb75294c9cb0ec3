// A Docket test server whose model config points names at an OpenAI-compatible test server, plus small
// HTTP helpers for the LLM tests.
import path from 'node:path';
import { parseModelSpecs } from '../../src/models/model-config.ts';
import { startOpenAiTestServer, type OpenAiTestServer } from './openai-test-server.ts';
import { CORPUS, mimeData, startTestServer, type TestServer } from './test-server.ts';

export const LLM_KEY = 'sk-test-0123456789abcdef';
export const INVOICE = path.join(CORPUS, 'invoices/pdf/i2d_AmazonWebServices.pdf');

export interface LlmSetup {
  llm: OpenAiTestServer;
  srv: TestServer;
  call(method: string, p: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** `models` entries are merged into an `openai` spec pointing at the test server (base_url, key, model). */
export async function startLlmSetup(o: { models?: Record<string, Record<string, unknown>>; jsonSchema?: boolean; concurrency?: number } = {}): Promise<LlmSetup> {
  const llm = await startOpenAiTestServer({ apiKey: LLM_KEY, jsonSchema: o.jsonSchema });
  const raw: Record<string, unknown> = {};
  for (const [name, extra] of Object.entries(o.models ?? { 'retab-large': {} })) {
    raw[name] = { provider: 'openai', base_url: llm.baseUrl, api_key_env: 'DOCKET_TEST_LLM_KEY', model: 'test-model', ...extra };
  }
  const models = parseModelSpecs(raw, { DOCKET_TEST_LLM_KEY: LLM_KEY });
  const srv = await startTestServer({ concurrency: o.concurrency ?? 2, config: { models } });
  const call = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(srv.baseURL + p, {
      method,
      headers: { 'api-key': srv.apiKey, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return {
    llm,
    srv,
    call,
    async close() {
      await srv.close();
      await llm.close();
    },
  };
}

export const invoiceDoc = () => mimeData(INVOICE);
