// Authentication: `Api-Key: <key>` or `Authorization: Bearer <key>`; the key's hash is looked up and
// the request is scoped to the key's project.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RunStore } from '../store/run-store.ts';
import { hashApiKey } from './api-keys.ts';
import { ApiError } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    projectId: string;
  }
}

export function keyFromRequest(req: FastifyRequest): string | null {
  const apiKey = req.headers['api-key'];
  if (typeof apiKey === 'string' && apiKey.trim()) return apiKey.trim();
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
    if (m) return m[1].trim();
  }
  return null;
}

/** Valid keys are remembered briefly so a poll costs no key lookup; a revoked key stops working
 *  within this time (in every process). Unknown keys are never cached. */
const KEY_CACHE_MS = 5000;

export function registerAuth(app: FastifyInstance, store: RunStore): void {
  const cache = new Map<string, { projectId: string; until: number }>();
  app.decorateRequest('projectId', '');
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/v1/')) return;
    const key = keyFromRequest(req);
    if (!key) throw new ApiError(401, 'Missing API key: send it as "Api-Key: <key>" or "Authorization: Bearer <key>"', { 'www-authenticate': 'Bearer' });
    const keyHash = hashApiKey(key);
    const now = Date.now();
    const hit = cache.get(keyHash);
    if (hit && hit.until > now) {
      req.projectId = hit.projectId;
      return;
    }
    const rec = await store.apiKeyFindByHash({ keyHash });
    if (!rec || rec.revokedAt) {
      cache.delete(keyHash);
      throw new ApiError(401, 'Invalid or revoked API key', { 'www-authenticate': 'Bearer' });
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(keyHash, { projectId: rec.projectId, until: now + KEY_CACHE_MS });
    req.projectId = rec.projectId;
  });
}
