// Model configuration: reads DOCKET_MODELS (JSON) or the file named by DOCKET_CONFIG ({"models": {...}})
// into model specs. Each name maps to the built-in local model or to an OpenAI-compatible endpoint.
// API keys never live in the config: a spec names the environment variable holding its key and reads
// it through a function (so a serialised config carries no secret).
import { readFileSync } from 'node:fs';

export interface LocalModelSpec {
  provider: 'local';
  creditsPerPage?: number;
}

export interface OpenAiModelSpec {
  provider: 'openai';
  /** Base URL up to and including /v1, e.g. https://api.openai.com/v1 */
  baseUrl: string;
  apiKeyEnv: string | null;
  /** The key, read from `apiKeyEnv` (a function, so it never appears in JSON). */
  apiKey: () => string | null;
  /** The provider's model name, e.g. gpt-4o-mini, Qwen/Qwen2.5-7B-Instruct, llama3.1 */
  model: string;
  vision: boolean;
  maxConcurrency: number;
  timeoutMs: number;
  contextTokens: number;
  maxRetries: number;
  /** json_schema: strict structured outputs; json_object: JSON mode + local validation. */
  structuredOutput: 'json_schema' | 'json_object';
  maxOutputTokens: number | null;
  creditsPerPage?: number;
}

export type ModelSpec = LocalModelSpec | OpenAiModelSpec;
export type ModelSpecs = Record<string, ModelSpec>;

type Env = Record<string, string | undefined>;

/** The model specs the environment configures (DOCKET_MODELS wins over DOCKET_CONFIG); {} if none. */
export function modelSpecsFromEnv(env: Env): ModelSpecs {
  const inline = env.DOCKET_MODELS?.trim();
  if (inline) return parseModelSpecs(parseJson(inline, 'DOCKET_MODELS'), env, 'DOCKET_MODELS');
  const file = env.DOCKET_CONFIG?.trim();
  if (!file) return {};
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`DOCKET_CONFIG names ${file}, which cannot be read: ${(err as Error).message}`);
  }
  const doc = parseJson(text, `DOCKET_CONFIG (${file})`) as Record<string, unknown>;
  if (!isObject(doc) || !isObject(doc.models)) throw new Error(`DOCKET_CONFIG (${file}) must be a JSON object with a "models" object`);
  return parseModelSpecs(doc.models, env, `DOCKET_CONFIG (${file}) models`);
}

/** Validates a raw `{name: {provider, ...}}` map. `where` prefixes error messages. */
export function parseModelSpecs(raw: unknown, env: Env = process.env, where = 'models'): ModelSpecs {
  if (!isObject(raw)) throw new Error(`${where} must be a JSON object mapping model names to {"provider": ...}`);
  const out: ModelSpecs = {};
  for (const [name, v] of Object.entries(raw)) {
    const at = `${where}.${name}`;
    if (!/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/.test(name)) throw new Error(`${at}: model names use letters, digits and . _ : / -`);
    if (!isObject(v)) throw new Error(`${at} must be an object`);
    const credits = optNumber(v.credits_per_page, `${at}.credits_per_page`, 0, 1e6);
    if (v.provider === 'local') {
      out[name] = { provider: 'local', ...(credits !== undefined ? { creditsPerPage: credits } : {}) };
      continue;
    }
    if (v.provider !== 'openai') throw new Error(`${at}.provider must be "local" or "openai"`);
    const baseUrl = reqString(v.base_url, `${at}.base_url`).replace(/\/+$/, '');
    if (!/^https?:\/\//i.test(baseUrl)) throw new Error(`${at}.base_url must be an http(s) URL`);
    const apiKeyEnv = v.api_key_env === undefined || v.api_key_env === null ? null : reqString(v.api_key_env, `${at}.api_key_env`);
    if (apiKeyEnv && !env[apiKeyEnv]?.trim()) throw new Error(`${at}.api_key_env names ${apiKeyEnv}, which is not set in the environment`);
    const key = apiKeyEnv ? env[apiKeyEnv]!.trim() : null;
    const structured = v.structured_output ?? 'json_schema';
    if (structured !== 'json_schema' && structured !== 'json_object') throw new Error(`${at}.structured_output must be "json_schema" or "json_object"`);
    out[name] = {
      provider: 'openai',
      baseUrl,
      apiKeyEnv,
      apiKey: () => key,
      model: reqString(v.model, `${at}.model`),
      vision: v.vision === undefined ? false : reqBool(v.vision, `${at}.vision`),
      maxConcurrency: optNumber(v.max_concurrency, `${at}.max_concurrency`, 1, 1024, true) ?? 4,
      timeoutMs: optNumber(v.timeout_ms, `${at}.timeout_ms`, 1, 3_600_000, true) ?? 120_000,
      contextTokens: optNumber(v.context_tokens, `${at}.context_tokens`, 256, 10_000_000, true) ?? 32_000,
      maxRetries: optNumber(v.max_retries, `${at}.max_retries`, 0, 20, true) ?? 3,
      structuredOutput: structured,
      maxOutputTokens: optNumber(v.max_output_tokens, `${at}.max_output_tokens`, 1, 1_000_000, true) ?? null,
      ...(credits !== undefined ? { creditsPerPage: credits } : {}),
    };
  }
  return out;
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${where} is not valid JSON: ${(err as Error).message}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function reqString(v: unknown, at: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw new Error(`${at} must be a non-empty string`);
  return v.trim();
}

function reqBool(v: unknown, at: string): boolean {
  if (typeof v !== 'boolean') throw new Error(`${at} must be true or false`);
  return v;
}

function optNumber(v: unknown, at: string, min: number, max: number, integer = false): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw new Error(`${at} must be ${integer ? 'an integer' : 'a number'} between ${min} and ${max}`);
  }
  return v;
}
