// Unit tests of the LLM building blocks: the strict schema conversion and its map back, tolerant JSON
// parsing of streamed answers, Retry-After parsing, the model config (DOCKET_MODELS and DOCKET_CONFIG).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.ts';
import { parseModelJson, parsePartialJson } from '../src/engines/llm/partial-json.ts';
import { parseRetryAfter } from '../src/engines/llm/retry-policy.ts';
import { fromStrict, toStrictSchema } from '../src/engines/llm/strict-schema.ts';
import { modelRegistry } from '../src/models/registry.ts';

describe('strict schema', () => {
  it('requires every property, makes optional ones nullable, inlines $refs, drops unsupported keywords into the description', () => {
    const { schema } = toStrictSchema({
      type: 'object',
      $defs: { money: { type: 'number', minimum: 0 } },
      properties: { id: { type: 'string', pattern: '^A' }, total: { $ref: '#/$defs/money' }, kind: { enum: ['a', 'b'] }, 'X-ReasoningPrompt': { type: 'string' } },
      required: ['id'],
    });
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false, required: ['id', 'total', 'kind', 'X-ReasoningPrompt'] });
    const p = schema.properties as Record<string, Record<string, unknown>>;
    expect(p.id).toEqual({ type: 'string', description: '(pattern: "^A")' });
    expect(p.total).toEqual({ type: ['number', 'null'], description: '(minimum: 0)' });
    expect(p.kind).toEqual({ enum: ['a', 'b', null] });
    expect(JSON.stringify(schema)).not.toContain('$ref');
  });

  it('maps free-form maps and untyped values back to the user shape', () => {
    const { schema, plan } = toStrictSchema({
      type: 'object',
      properties: { attrs: { type: 'object', additionalProperties: { type: 'number' } }, raw: {}, rows: { type: 'array', items: { type: 'object', properties: { meta: {} } } } },
    });
    const p = schema.properties as Record<string, Record<string, unknown>>;
    expect(p.attrs.type).toEqual(['array', 'null']);
    expect(p.raw.type).toEqual(['string', 'null']);
    const back = fromStrict({ attrs: [{ key: 'w', value: 2 }], raw: '{"a":1}', rows: [{ meta: '[1,2]' }] }, plan);
    expect(back).toEqual({ attrs: { w: 2 }, raw: { a: 1 }, rows: [{ meta: [1, 2] }] });
  });
});

describe('model JSON', () => {
  it('reads fenced or prose-wrapped answers', () => {
    expect(parseModelJson('```json\n{"a": 1}\n```')).toEqual({ a: 1 });
    expect(parseModelJson('Here you go: {"a": [1, 2]} — done')).toEqual({ a: [1, 2] });
    expect(() => parseModelJson('no json here')).toThrow();
  });

  it('parses incomplete JSON tolerantly while it streams', () => {
    expect(parsePartialJson('{"invoice_number": "INV-0')).toEqual({ invoice_number: 'INV-0' });
    expect(parsePartialJson('{"a": 1, "items": [{"x": tr')).toEqual({ a: 1, items: [{}] });
    expect(parsePartialJson('{"a": 1, "b')).toEqual({ a: 1 });
    expect(parsePartialJson('{"a": "x\\u00')).toEqual({ a: 'x' });
    expect(parsePartialJson('')).toBeUndefined();
    const full = '{"n": 12.5, "s": "q\\"uote", "l": [1, null, false]}';
    for (let i = 1; i <= full.length; i++) expect(() => parsePartialJson(full.slice(0, i))).not.toThrow();
    expect(parsePartialJson(full)).toEqual(JSON.parse(full));
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(Date.now() + 3000).toUTCString(), Date.now())).toBeGreaterThan(1000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});

describe('model config', () => {
  const env = (extra: Record<string, string>) => ({ DOCKET_DATA_DIR: os.tmpdir(), ...extra });

  it('DOCKET_MODELS maps names to endpoints; the retab-* defaults stay local; the key never serialises', () => {
    const cfg = loadConfig(env({ MY_KEY: 'sk-secret', DOCKET_MODELS: JSON.stringify({ 'retab-large': { provider: 'openai', base_url: 'https://api.example.com/v1/', api_key_env: 'MY_KEY', model: 'gpt-4o-mini', vision: true, max_concurrency: 8 } }) }));
    const reg = modelRegistry(cfg);
    expect(reg.names()).toEqual(['retab-micro', 'retab-small', 'retab-large']);
    expect(reg.resolve('retab-small')!.backend).toBe('local');
    const large = reg.resolve('retab-large')!;
    expect(large.backend).toBe('openai');
    expect(large.creditsPerPage).toBe(3);
    expect(large.llm).toMatchObject({ baseUrl: 'https://api.example.com/v1', model: 'gpt-4o-mini', vision: true, maxConcurrency: 8, timeoutMs: 120000, structuredOutput: 'json_schema' });
    expect(large.llm!.apiKey()).toBe('sk-secret');
    expect(JSON.stringify(cfg)).not.toContain('sk-secret');
  });

  it('DOCKET_CONFIG names a JSON file with {"models": ...}', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-cfg-'));
    const file = path.join(dir, 'docket.json');
    writeFileSync(file, JSON.stringify({ models: { llama: { provider: 'openai', base_url: 'http://localhost:11434/v1', model: 'llama3.1', structured_output: 'json_object' } } }));
    const reg = modelRegistry(loadConfig(env({ DOCKET_CONFIG: file })));
    expect(reg.resolve('llama')!.llm).toMatchObject({ apiKeyEnv: null, structuredOutput: 'json_object' });
    expect(reg.resolve('retab-small')!.backend).toBe('local');
  });

  it('refuses bad entries with a message naming the field', () => {
    const bad = (models: unknown, extra: Record<string, string> = {}) => () => loadConfig(env({ DOCKET_MODELS: JSON.stringify(models), ...extra }));
    expect(bad({ m: { provider: 'anthropic' } })).toThrow(/m\.provider/);
    expect(bad({ m: { provider: 'openai', base_url: 'ftp://x', model: 'x' } })).toThrow(/base_url/);
    expect(bad({ m: { provider: 'openai', base_url: 'http://x/v1', model: 'x', api_key_env: 'NOPE_NOT_SET' } })).toThrow(/NOPE_NOT_SET/);
    expect(bad({ m: { provider: 'openai', base_url: 'http://x/v1', model: 'x', max_concurrency: 0 } })).toThrow(/max_concurrency/);
    expect(() => loadConfig(env({ DOCKET_MODELS: '{nope' }))).toThrow(/DOCKET_MODELS is not valid JSON/);
  });
});
