// One structured answer from the model: strict json_schema structured outputs where the endpoint supports
// them (an endpoint that rejects response_format json_schema is switched to JSON mode for the rest of the
// process), else JSON mode with the schema in the prompt. Either way the answer is parsed and validated
// with ajv; an invalid answer gets one repair round trip, then the run fails with model_error.
import { Ajv, type ValidateFunction } from 'ajv';
import { RunFailure } from '../../runs/failures.ts';
import { checkpoint } from '../types.ts';
import { ModelCallError, type ChatMessage } from './chat-client.ts';
import type { LlmContext } from './llm-context.ts';
import { parseModelJson, parsePartialJson } from './partial-json.ts';

type Json = Record<string, unknown>;

const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: false });
const compiled = new WeakMap<object, ValidateFunction>();

export interface StructuredRequest {
  /** Schema name sent to the provider ([a-zA-Z0-9_-]). */
  name: string;
  /** A strict-subset JSON Schema (see strict-schema.ts). */
  schema: Json;
  messages: ChatMessage[];
  temperature: number;
  /** Called with the tolerant parse of the answer so far, when streaming. */
  onPartial?: (value: unknown) => void;
}

export async function callStructured(ctx: LlmContext, req: StructuredRequest): Promise<unknown> {
  const validate = validator(req.schema);
  let messages = req.messages;
  for (let round = 0; round < 2; round++) {
    checkpoint(ctx.signal);
    const content = await completeOnce(ctx, req, messages);
    let problem: string;
    try {
      const value = parseModelJson(content);
      if (validate(value)) return value;
      problem = (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '(root)'} ${e.message}`).join('; ');
    } catch (err) {
      problem = `not valid JSON (${(err as Error).message})`;
    }
    if (round === 1) {
      throw new RunFailure('model_error', `Model '${ctx.client.name}' did not answer valid JSON for the schema after one repair attempt: ${problem}`, {
        model: ctx.client.name,
        problem,
        answer_excerpt: content.slice(0, 300),
      });
    }
    messages = [
      ...messages,
      { role: 'assistant', content },
      { role: 'user', content: `Your answer is not valid: ${problem}. Reply with the corrected JSON object only, matching the schema exactly.` },
    ];
  }
  throw new Error('unreachable');
}

async function completeOnce(ctx: LlmContext, req: StructuredRequest, messages: ChatMessage[]): Promise<string> {
  const client = ctx.client;
  const onDelta = req.onPartial
    ? throttle((text: string) => {
        const v = parsePartialJson(text);
        if (v !== undefined) req.onPartial!(v);
      })
    : undefined;
  const call = async (mode: 'json_schema' | 'json_object') => {
    const responseFormat = mode === 'json_schema' ? { type: 'json_schema', json_schema: { name: req.name, strict: true, schema: req.schema } } : { type: 'json_object' };
    const msgs = mode === 'json_schema' ? messages : withSchemaInPrompt(messages, req.schema);
    const r = await client.complete({ messages: msgs, responseFormat, temperature: req.temperature, stream: Boolean(onDelta) }, { signal: ctx.signal, onDelta: onDelta?.fn });
    onDelta?.flush();
    ctx.usage.add(r);
    return r.content;
  };
  if (client.structuredMode === 'json_schema') {
    try {
      return await call('json_schema');
    } catch (err) {
      if (!(err instanceof ModelCallError) || !rejectsJsonSchema(err)) throw err;
      client.structuredMode = 'json_object'; // remembered for every later call to this model
    }
  }
  return call('json_object');
}

/** A 400/422 whose message is about response_format / json_schema: the endpoint lacks structured outputs. */
function rejectsJsonSchema(err: ModelCallError): boolean {
  return (err.status === 400 || err.status === 422) && /response_format|json_schema|structured|schema/i.test(err.providerMessage);
}

function withSchemaInPrompt(messages: ChatMessage[], schema: Json): ChatMessage[] {
  const note = `Answer with a single JSON object (no prose, no code fences) that validates against this JSON Schema:\n${JSON.stringify(schema)}`;
  return [{ role: 'system', content: note }, ...messages];
}

function validator(schema: Json): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/** Parse partial output at most every 50 ms (tolerant parsing of a growing answer is O(n)). */
function throttle(f: (text: string) => void): { fn: (text: string) => void; flush: () => void } {
  let last = 0;
  let pending: string | null = null;
  return {
    fn: (text) => {
      const now = Date.now();
      if (now - last >= 50) {
        last = now;
        pending = null;
        f(text);
      } else pending = text;
    },
    flush: () => {
      if (pending !== null) f(pending);
      pending = null;
    },
  };
}

/** n answers to the same request, in parallel (temperature > 0 when n > 1); the first may stream. */
export function askVotes(ctx: LlmContext, req: Omit<StructuredRequest, 'temperature'>, n: number): Promise<unknown[]> {
  const temperature = n > 1 ? 0.7 : 0;
  return Promise.all(Array.from({ length: n }, (_, k) => callStructured(ctx, { ...req, temperature, onPartial: k === 0 ? req.onPartial : undefined })));
}
