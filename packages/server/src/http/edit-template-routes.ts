// Edit templates: a PDF form kept for reuse (`template_id` on edit creates). POST/GET /v1/edits/templates,
// GET/PATCH/DELETE /v1/edits/templates/{id}; project-scoped like runs; form_fields default to the fields
// detected in the PDF's AcroForm. Registered before the edits resource routes.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { detectFormFields } from '../documents/form-field-wire.ts';
import { DocumentInputError, parseDataUri } from '../documents/mime-data.ts';
import { sniffFormat } from '../documents/sniff.ts';
import { newRunId } from '../runs/ids.ts';
import { RunFailure } from '../runs/failures.ts';
import type { EditTemplate } from '../store/run-store.ts';
import type { AppDeps } from './app.ts';
import { ApiError, notFound, validationError } from './errors.ts';
import { idParamsSchema, mimeDataSchema, pageQueryProperties } from './wire-schemas.ts';

const base = '/v1/edits/templates';
const tags = ['edit templates'];

const formFieldSchema = {
  type: 'object',
  required: ['key'],
  properties: {
    key: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    type: { type: 'string' },
    value: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    bbox: { type: 'object' },
  },
};
const formFields = { type: 'array', items: formFieldSchema };

const createBody = {
  type: 'object',
  required: ['name', 'document'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 256 }, document: mimeDataSchema, form_fields: formFields },
};
const patchBody = {
  type: 'object',
  properties: { name: { type: 'string', minLength: 1, maxLength: 256 }, form_fields: formFields },
};
const listQuery = {
  type: 'object',
  properties: { ...pageQueryProperties, name: { type: 'string' } },
};

export function renderTemplate(t: EditTemplate): Record<string, unknown> {
  return {
    id: t.id,
    object: 'edit_template',
    name: t.name,
    file: t.file,
    form_fields: t.formFields,
    field_count: t.formFields.length,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
  };
}

export function registerEditTemplateRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.post(base, { schema: { body: createBody, tags } }, async (req, reply) => {
    const body = req.body as { name: string; document: { filename: string; url: string }; form_fields?: unknown[] };
    const bytes = templateBytes(body.document.url, deps.config.maxDocumentBytes);
    if (sniffFormat(bytes, body.document.filename).format !== 'pdf') {
      throw validationError(['body', 'document'], 'Edit templates are PDF forms; this document is not a PDF', 'unsupported_format');
    }
    let fields = body.form_fields;
    if (fields === undefined) {
      try {
        fields = await detectFormFields(bytes, body.document.filename);
      } catch (err) {
        if (err instanceof RunFailure) throw validationError(['body', 'document'], err.message, err.code);
        throw err;
      }
      if (fields.length === 0) {
        throw validationError(['body', 'document'], 'This PDF has no fillable form fields (no AcroForm); a template needs a PDF form', 'no_form_fields');
      }
    }
    const blobKey = createHash('sha256').update(bytes).digest('hex');
    await deps.store.blobPut({ key: blobKey, bytes });
    const t = await deps.store.templateCreate({
      id: newRunId('edittplt_'),
      projectId: req.projectId,
      name: body.name,
      file: { id: `file_${blobKey.slice(0, 24)}`, filename: body.document.filename, mime_type: 'application/pdf' },
      blobKey,
      formFields: fields,
    });
    return reply.code(201).send(renderTemplate(t));
  });

  app.get(base, { schema: { querystring: listQuery, tags } }, async (req) => {
    const q = req.query as { limit: number; order: 'asc' | 'desc'; before?: string; after?: string; name?: string };
    if (q.before && q.after) throw new ApiError(400, 'Send only one of before and after');
    const cursor = q.after ?? q.before;
    if (cursor && !(await deps.store.templateGet({ id: cursor, projectId: req.projectId }))) {
      throw new ApiError(422, 'Cursor does not match an edit template in this project. Use the ids from list_metadata.');
    }
    const { data, hasMore } = await deps.store.templateList({ projectId: req.projectId, limit: q.limit, order: q.order, before: q.before, after: q.after, name: q.name || undefined });
    const first = data[0]?.id ?? null;
    const last = data[data.length - 1]?.id ?? null;
    const walkingBack = Boolean(q.before);
    const list_metadata = {
      before: walkingBack ? (hasMore ? first : null) : q.after ? first : null,
      after: walkingBack ? last : hasMore ? last : null,
    };
    return { data: data.map(renderTemplate), list_metadata };
  });

  app.get(`${base}/:id`, { schema: { params: idParamsSchema, tags } }, async (req) => {
    const { id } = req.params as { id: string };
    const t = await deps.store.templateGet({ id, projectId: req.projectId });
    if (!t) throw notFound('Edit template', id);
    return renderTemplate(t);
  });

  app.patch(`${base}/:id`, { schema: { params: idParamsSchema, body: patchBody, tags } }, async (req) => {
    const { id } = req.params as { id: string };
    const body = (req.body ?? {}) as { name?: string; form_fields?: unknown[] };
    const t = await deps.store.templateUpdate({ id, projectId: req.projectId, name: body.name, formFields: body.form_fields });
    if (!t) throw notFound('Edit template', id);
    return renderTemplate(t);
  });

  app.delete(`${base}/:id`, { schema: { params: idParamsSchema, tags } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    if (!(await deps.store.templateDelete({ id, projectId: req.projectId }))) throw notFound('Edit template', id);
    return reply.code(204).send();
  });
}

function templateBytes(url: string, maxBytes: number): Uint8Array {
  if (!url.startsWith('data:')) {
    throw validationError(['body', 'document', 'url'], 'An edit template document must be a data: URI (data:application/pdf;base64,...)', 'value_error');
  }
  let bytes: Uint8Array;
  try {
    bytes = parseDataUri(url).bytes;
  } catch (err) {
    if (err instanceof DocumentInputError) throw validationError(['body', 'document', 'url'], err.message, err.code);
    throw err;
  }
  if (bytes.byteLength === 0) throw validationError(['body', 'document', 'url'], 'The document is empty', 'value_error');
  if (bytes.byteLength > maxBytes) throw new ApiError(413, `The document is ${bytes.byteLength} bytes; the limit is ${maxBytes} bytes (DOCKET_MAX_DOCUMENT_MB)`);
  return bytes;
}
