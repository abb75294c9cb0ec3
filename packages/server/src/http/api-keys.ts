// API keys: generation, hashing (only the SHA-256 hash is stored), and creation through the store.
import { createHash, randomBytes } from 'node:crypto';
import { ulid } from '../runs/ids.ts';
import type { ApiKeyRecord, RunStore } from '../store/run-store.ts';

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export function generateApiKey(): string {
  const bytes = randomBytes(32);
  let body = '';
  for (const b of bytes) body += KEY_ALPHABET[b % KEY_ALPHABET.length];
  return `dk_live_${body}`;
}

/** Create a key for a project. Returns the plain key (shown once) and its record. */
export async function createApiKey(store: RunStore, p: { projectId: string; name?: string | null; key?: string }): Promise<{ key: string; record: ApiKeyRecord }> {
  const key = p.key ?? generateApiKey();
  const record = await store.apiKeyCreate({
    id: `key_${ulid()}`,
    projectId: p.projectId,
    name: p.name ?? null,
    keyHash: hashApiKey(key),
    prefix: key.slice(0, 12),
  });
  return { key, record };
}

export function validateProjectName(name: string): string | null {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(name) ? null : 'project names are 1–64 characters: letters, digits, "_", "-", "." (starting with a letter or digit)';
}
