// Turns a validated create body into a stored run: checks what JSON Schema alone cannot
// (model, json_schema, document URL, edit's document/template_id), stores the document bytes by
// content hash, and inserts the run as queued.
import { createHash } from 'node:crypto';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parseDataUri, DocumentInputError } from '../documents/mime-data.ts';
import { sniffFormat } from '../documents/sniff.ts';
import { DEFAULT_MODEL, modelRegistry } from '../models/registry.ts';
import { newRunId } from '../runs/ids.ts';
import { PRIMITIVES } from '../runs/primitives.ts';
import type { Primitive, Run } from '../runs/types.ts';
import { IdempotencyConflictError, type RunStore } from '../store/run-store.ts';
import type { Config } from '../config/config.ts';
import { ApiError, validationError } from './errors.ts';

// Checks client JSON Schemas. Unknown keywords and formats are the client's business, not an error.
const schemaChecker = new Ajv({ strict: false, validateSchema: true, allErrors: true, logger: false });
addFormats.default(schemaChecker);

/** Body fields that are request options, not echoed parameters. */
const NOT_PARAMS = new Set(['document', 'model', 'metadata', 'background', 'stream', 'bust_cache']);

/**
 * Create a run, honouring an Idempotency-Key: the same key with the same body returns the run it
 * created before (`replayed`), the same key with another body is a 409.
 */
export async function createRunIdempotent(
  o: { store: RunStore; config: Config },
  p: { primitive: Primitive; projectId: string; body: Record<string, unknown>; idempotencyKey?: string },
): Promise<{ run: Run; replayed: boolean }> {
  const key = p.idempotencyKey?.trim();
  if (!key) return { run: await createRun(o, p), replayed: false };
  if (key.length > 255) throw new ApiError(400, 'Idempotency-Key is longer than 255 characters');
  const requestHash = createHash('sha256').update(p.primitive).update('\n').update(canonicalJson(p.body)).digest('hex');
  for (let attempt = 0; attempt < 2; attempt++) {
    const found = await o.store.runFindByIdempotencyKey({ projectId: p.projectId, key });
    if (found) {
      if (found.requestHash !== requestHash || found.run.primitive !== p.primitive) {
        throw new ApiError(409, 'This Idempotency-Key was already used with a different request; use a new key for a new request');
      }
      return { run: found.run, replayed: true };
    }
    try {
      return { run: await createRun(o, { ...p, idempotency: { key, requestHash } }), replayed: false };
    } catch (err) {
      if (!(err instanceof IdempotencyConflictError)) throw err; // a concurrent twin won: answer its run
    }
  }
  throw new ApiError(409, 'A request with this Idempotency-Key is being processed; retry');
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export async function createRun(
  o: { store: RunStore; config: Config },
  p: { primitive: Primitive; projectId: string; body: Record<string, unknown>; idempotency?: { key: string; requestHash: string } },
): Promise<Run> {
  const { primitive, body } = p;
  if (nestingDepth(body, MAX_NESTING) > MAX_NESTING) {
    throw new ApiError(422, `The request body is nested more than ${MAX_NESTING} levels deep`);
  }
  const model = String(body.model ?? DEFAULT_MODEL);
  const models = modelRegistry(o.config);
  if (!models.resolve(model)) throw new ApiError(400, `Unknown model '${model}'. Available models: ${models.names().join(', ')}`);
  if (primitive === 'extraction') checkJsonSchema(body.json_schema);
  if (body.stream === true && body.background === true) throw new ApiError(400, 'stream and background cannot both be true: stream the run, or create it in the background and poll it');
  if (primitive === 'edit') checkEditSource(body);

  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (!NOT_PARAMS.has(k)) params[k] = v;
  for (const f of PRIMITIVES[primitive].echo) if (!(f in params)) params[f] = null;
  if (body.stream === true) params._stream = true; // LLM models stream tokens only when someone listens

  const doc = body.document as { filename: string; url: string } | null | undefined;
  let file: Run['file'];
  let blobKey: string | null = null;
  if (!doc) {
    // An edit from a template: the template's PDF (already in the blob store) is the document.
    const template = await o.store.templateGet({ id: String(body.template_id), projectId: p.projectId });
    if (!template) throw new ApiError(404, `Edit template '${String(body.template_id)}' not found`);
    file = template.file;
    blobKey = template.blobKey;
    params._template_form_fields = template.formFields;
  } else if (doc.url.startsWith('data:')) {
    let bytes: Uint8Array;
    try {
      bytes = parseDataUri(doc.url).bytes;
    } catch (err) {
      if (err instanceof DocumentInputError) throw validationError(['body', 'document', 'url'], err.message, err.code);
      throw err;
    }
    if (bytes.byteLength === 0) throw validationError(['body', 'document', 'url'], 'The document is empty', 'value_error');
    if (bytes.byteLength > o.config.maxDocumentBytes) {
      throw new ApiError(413, `The document is ${bytes.byteLength} bytes; the limit is ${o.config.maxDocumentBytes} bytes (DOCKET_MAX_DOCUMENT_MB)`);
    }
    blobKey = createHash('sha256').update(bytes).digest('hex');
    await o.store.blobPut({ key: blobKey, bytes });
    file = { id: `file_${blobKey.slice(0, 24)}`, filename: doc.filename, mime_type: sniffFormat(bytes, doc.filename).mimeType };
  } else if (/^https?:\/\//i.test(doc.url)) {
    try {
      new URL(doc.url);
    } catch {
      throw validationError(['body', 'document', 'url'], 'document.url is not a valid URL', 'url_parsing');
    }
    params._source_url = doc.url;
    const id = createHash('sha256').update(doc.url).digest('hex').slice(0, 24);
    file = { id: `file_${id}`, filename: doc.filename, mime_type: 'application/octet-stream' };
  } else {
    throw validationError(['body', 'document', 'url'], 'document.url must be a data: URI (data:<mime>;base64,...) or an http(s) URL', 'value_error');
  }

  return o.store.runCreate({
    id: newRunId(PRIMITIVES[primitive].idPrefix),
    primitive,
    projectId: p.projectId,
    status: 'queued',
    model,
    file,
    blobKey,
    params,
    metadata: (body.metadata as Record<string, string> | null | undefined) ?? null,
    maxAttempts: o.config.maxAttempts,
    idempotencyKey: p.idempotency?.key ?? null,
    requestHash: p.idempotency?.requestHash ?? null,
  });
}

/** Deeper bodies are refused before anything recurses over them (schema checks, JSON encoding). */
const MAX_NESTING = 64;

/** Nesting depth of a JSON value, counted without recursion and stopping once past `limit`. */
function nestingDepth(value: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > limit) return max;
    if (v && typeof v === 'object') for (const child of Object.values(v as object)) stack.push([child, d + 1]);
  }
  return max;
}

function checkJsonSchema(schema: unknown): void {
  const s = schema as Record<string, unknown>;
  if (!schemaChecker.validateSchema(s)) {
    const why = (schemaChecker.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw validationError(['body', 'json_schema'], `json_schema is not a valid JSON Schema: ${why}`, 'invalid_schema');
  }
  if (s.type !== 'object' && typeof s.properties !== 'object') {
    throw validationError(['body', 'json_schema'], 'json_schema must describe an object: {"type": "object", "properties": {...}}', 'invalid_schema');
  }
  try {
    schemaChecker.compile(s);
  } catch (err) {
    throw validationError(['body', 'json_schema'], `json_schema cannot be compiled: ${(err as Error).message}`, 'invalid_schema');
  }
}

function checkEditSource(body: Record<string, unknown>): void {
  const hasDoc = body.document != null;
  const hasTemplate = body.template_id != null;
  if (hasDoc === hasTemplate) throw new ApiError(400, 'Provide exactly one of document or template_id');
}
