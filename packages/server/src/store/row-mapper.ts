// Maps between `runs` / `api_keys` / `edit_templates` rows and the domain objects, for every
// driver. JSON columns arrive as JSON text; lease_expires_at is epoch ms in the row and an ISO
// string on the Run; other timestamps arrive as millisecond ISO strings (the drivers ensure it).
import type { ApiKeyRecord, EditTemplate } from './run-store.ts';
import type { Run } from '../runs/types.ts';

export interface RunRow {
  id: string;
  primitive: string;
  project_id: string;
  status: string;
  model: string;
  file_json: string | null;
  blob_key: string | null;
  params_json: string;
  metadata_json: string | null;
  output_json: string | null;
  consensus_json: string | null;
  error_json: string | null;
  usage_json: string | null;
  progress_json: string | null;
  attempts: number;
  max_attempts: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
  cancel_requested_at: string | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  completed_at: string | null;
  idempotency_key?: string | null;
  request_hash?: string | null;
}

export interface TemplateRow {
  id: string;
  project_id: string;
  name: string;
  file_json: string;
  blob_key: string;
  form_fields_json: string;
  created_at: string;
  updated_at: string;
}

export interface ApiKeyRow {
  id: string;
  project_id: string;
  name: string | null;
  key_hash: string;
  prefix: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

/** JSON text for a column; undefined and null both become SQL NULL. */
export const toJson = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

export function rowToRun(r: RunRow): Run {
  return {
    id: r.id,
    primitive: r.primitive as Run['primitive'],
    projectId: r.project_id,
    status: r.status as Run['status'],
    model: r.model,
    file: parse<Run['file']>(r.file_json),
    blobKey: r.blob_key,
    params: parse<Record<string, unknown>>(r.params_json) ?? {},
    metadata: parse<Record<string, string>>(r.metadata_json),
    output: parse<unknown>(r.output_json),
    consensus: parse<unknown>(r.consensus_json),
    error: parse<Run['error']>(r.error_json),
    usage: parse<Run['usage']>(r.usage_json),
    progress: parse<Run['progress']>(r.progress_json),
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    leaseOwner: r.lease_owner,
    leaseExpiresAt: r.lease_expires_at === null ? null : new Date(r.lease_expires_at).toISOString(),
    cancelRequestedAt: r.cancel_requested_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    startedAt: r.started_at,
    completedAt: r.completed_at,
  };
}

export function rowToApiKey(r: ApiKeyRow): ApiKeyRecord {
  return {
    id: r.id,
    projectId: r.project_id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  };
}

export function rowToTemplate(r: TemplateRow): EditTemplate {
  return {
    id: r.id,
    projectId: r.project_id,
    name: r.name,
    file: JSON.parse(r.file_json) as EditTemplate['file'],
    blobKey: r.blob_key,
    formFields: JSON.parse(r.form_fields_json) as unknown[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
