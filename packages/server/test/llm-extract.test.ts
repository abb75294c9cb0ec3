// Extraction on an LLM model, against an OpenAI-compatible test server speaking the real protocol:
// model routing (retab-large → endpoint, retab-small → local), the strict schema sent, usage tokens,
// provider errors as model_error without the key, the repair retry, JSON-mode fallback, GET /v1/models.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promptText } from './support/openai-test-server.ts';
import { invoiceDoc, LLM_KEY, startLlmSetup, type LlmSetup } from './support/llm-docket.ts';

const SCHEMA = {
  type: 'object',
  properties: {
    invoice_number: { type: 'string', description: 'The invoice number' },
    date: { type: 'string', format: 'date' },
    total: { type: 'number' },
    vendor: { type: 'object', properties: { name: { type: 'string' }, vat: { type: 'string' } }, required: ['name'] },
    line_items: { type: 'array', items: { type: 'object', properties: { description: { type: 'string' }, amount: { type: 'number' } } } },
    tags: { type: 'object', additionalProperties: { type: 'string' } },
  },
  required: ['invoice_number'],
};
const ANSWER = {
  invoice_number: '42183017',
  date: '2014-08-03',
  total: 4.11,
  vendor: { name: 'Amazon Web Services, Inc.', vat: null },
  line_items: [{ description: 'Amazon Glacier', amount: 2.22 }],
  tags: [{ key: 'cloud', value: 'aws' }],
};

let t: LlmSetup;
beforeAll(async () => {
  t = await startLlmSetup();
});
afterAll(async () => t?.close());

describe('extraction on an OpenAI-compatible model', () => {
  it('retab-large uses the endpoint (background run on a corpus invoice); retab-small stays local', async () => {
    t.llm.respond = (body) => (promptText(body).includes('42183017') ? { content: JSON.stringify(ANSWER) } : { status: 400, message: 'the invoice text was not in the prompt' });
    const before = t.llm.requests.length;
    const created = await t.call('POST', '/v1/extractions', { document: await invoiceDoc(), json_schema: SCHEMA, model: 'retab-large', background: true });
    expect(created.status).toBe(201);
    let run = created.body;
    while (!['completed', 'failed', 'cancelled'].includes(run.status)) {
      await new Promise((r) => setTimeout(r, 50));
      run = (await t.call('GET', `/v1/extractions/${run.id}`)).body;
    }
    expect(run.error).toBeNull();
    expect(run.status).toBe('completed');
    expect(t.llm.requests.length).toBe(before + 1);
    const req = t.llm.requests[before];
    expect(req.authorization).toBe(`Bearer ${LLM_KEY}`);
    expect(req.body.model).toBe('test-model');
    expect(req.body.response_format?.type).toBe('json_schema');
    expect(req.body.response_format?.json_schema?.strict).toBe(true);
    // The output is the model's answer mapped back to the user's schema (the map travels as a list).
    expect(run.output).toEqual({ ...ANSWER, tags: { cloud: 'aws' } });
    expect(run.usage.prompt_tokens).toBeGreaterThan(100);
    expect(run.usage.completion_tokens).toBeGreaterThan(10);
    expect(run.usage.page_count).toBe(1);

    const local = await t.call('POST', '/v1/extractions', { document: await invoiceDoc(), json_schema: SCHEMA, model: 'retab-small' });
    expect(local.body.status).toBe('completed');
    expect(t.llm.requests.length).toBe(before + 1); // no call for the local model
    expect(local.body.usage.prompt_tokens).toBeUndefined();
  });

  it('sends the strict form of the schema: every property required, optional ones nullable, no extra properties', async () => {
    t.llm.respond = () => ({ content: JSON.stringify(ANSWER) });
    const before = t.llm.requests.length;
    await t.call('POST', '/v1/extractions', { document: await invoiceDoc(), json_schema: SCHEMA, model: 'retab-large', instructions: 'Amounts in USD.', additional_messages: [{ role: 'user', content: 'Vendor is the seller.' }] });
    const body = t.llm.requests[before].body;
    const s = body.response_format!.json_schema!.schema as any;
    expect(s.additionalProperties).toBe(false);
    expect(s.required).toEqual(Object.keys(SCHEMA.properties));
    expect(s.properties.invoice_number.type).toBe('string');
    expect(s.properties.total.type).toEqual(['number', 'null']);
    expect(s.properties.date.description).toMatch(/format: "date"/);
    expect(s.properties.date.format).toBeUndefined();
    expect(s.properties.vendor.properties.vat.type).toEqual(['string', 'null']);
    expect(s.properties.vendor.required).toEqual(['name', 'vat']);
    expect(s.properties.tags.type).toEqual(['array', 'null']);
    const text = promptText(body);
    expect(text).toContain('Amounts in USD.');
    expect(text).toContain('Vendor is the seller.');
    expect(text).toContain('<page number="1">');
  });

  it('a provider error ends the run failed with model_error, the status and message, never the key', async () => {
    t.llm.respond = () => ({ status: 401, message: `Incorrect API key provided: ${LLM_KEY}.`, code: 'invalid_api_key' });
    const r = await t.call('POST', '/v1/extractions', { document: await invoiceDoc(), json_schema: SCHEMA, model: 'retab-large' });
    expect(r.body.status).toBe('failed');
    expect(r.body.error.code).toBe('model_error');
    expect(r.body.error.details.provider_status).toBe(401);
    expect(r.body.error.message).toMatch(/401/);
    expect(r.body.error.message).toMatch(/Incorrect API key/);
    expect(JSON.stringify(r.body)).not.toContain(LLM_KEY);
  });

  it('malformed JSON gets one repair retry (which can succeed), then model_error', async () => {
    let before = t.llm.requests.length;
    t.llm.respond = (_b, i) => (i === before ? { content: '{"invoice_number": "4218' } : { content: JSON.stringify(ANSWER) });
    const ok = await t.call('POST', '/v1/extractions', { document: await invoiceDoc(), json_schema: SCHEMA, model: 'retab-large' });
    expect(ok.body.status).toBe('completed');
    expect(t.llm.requests.length).toBe(before + 2);
    const repair = t.llm.requests[before + 1].body.messages;
    expect(repair[repair.length - 2]).toMatchObject({ role: 'assistant', content: '{"invoice_number": "4218' });
    expect(String(repair[repair.length - 1].content)).toMatch(/not valid/);

    before = t.llm.requests.length;
    t.llm.respond = () => ({ content: 'Sure! The invoice number is 42183017.' });
    const bad = await t.call('POST', '/v1/extractions', { document: await invoiceDoc(), json_schema: SCHEMA, model: 'retab-large' });
    expect(bad.body.status).toBe('failed');
    expect(bad.body.error.code).toBe('model_error');
    expect(bad.body.error.message).toMatch(/after one repair attempt/);
    expect(t.llm.requests.length).toBe(before + 2);
  });

  it('an answer that is JSON but breaks the schema is repaired too', async () => {
    const before = t.llm.requests.length;
    t.llm.respond = (_b, i) => (i === before ? { content: JSON.stringify({ ...ANSWER, total: 'four' }) } : { content: JSON.stringify(ANSWER) });
    const r = await t.call('POST', '/v1/extractions', { document: await invoiceDoc(), json_schema: SCHEMA, model: 'retab-large' });
    expect(r.body.status).toBe('completed');
    expect(String(t.llm.requests[before + 1].body.messages.at(-1)!.content)).toMatch(/total/);
  });

  it('GET /v1/models lists the names and providers, never keys or endpoints', async () => {
    const r = await t.call('GET', '/v1/models');
    expect(r.status).toBe(200);
    const ids = r.body.data.map((m: { id: string }) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['retab-micro', 'retab-small', 'retab-large']));
    expect(r.body.data.find((m: { id: string }) => m.id === 'retab-large').provider).toBe('openai');
    expect(r.body.data.find((m: { id: string }) => m.id === 'retab-small').provider).toBe('local');
    const text = JSON.stringify(r.body);
    expect(text).not.toContain(LLM_KEY);
    expect(text).not.toContain('127.0.0.1');
  });

  it('an unknown model is a 400 naming the available ones', async () => {
    const r = await t.call('POST', '/v1/extractions', { document: await invoiceDoc(), json_schema: SCHEMA, model: 'gpt-17' });
    expect(r.status).toBe(400);
    expect(r.body.detail).toMatch(/retab-large/);
  });
});

describe('an endpoint without json_schema structured outputs', () => {
  let u: LlmSetup;
  beforeAll(async () => {
    u = await startLlmSetup({ jsonSchema: false });
  });
  afterAll(async () => u?.close());

  it('falls back to JSON mode with the schema in the prompt, and stays there', async () => {
    u.llm.respond = () => ({ content: '```json\n' + JSON.stringify(ANSWER) + '\n```' });
    const r = await u.call('POST', '/v1/extractions', { document: await invoiceDoc(), json_schema: SCHEMA, model: 'retab-large' });
    expect(r.body.status).toBe('completed');
    expect(r.body.output.invoice_number).toBe('42183017');
    expect(u.llm.requests.map((q) => q.body.response_format?.type)).toEqual(['json_schema', 'json_object']);
    expect(promptText(u.llm.requests[1].body)).toMatch(/validates against this JSON Schema/);
    await u.call('POST', '/v1/extractions', { document: await invoiceDoc(), json_schema: SCHEMA, model: 'retab-large' });
    expect(u.llm.requests[2].body.response_format?.type).toBe('json_object');
  });
});
