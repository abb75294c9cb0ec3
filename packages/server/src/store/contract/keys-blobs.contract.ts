// Contract: API key records (create, find by hash, list, revoke, count) and the blob store.
import { describe, expect, it } from 'vitest';
import type { ContractEnv } from './helpers.ts';

export function keysBlobsContract(env: ContractEnv): void {
  describe('api keys', () => {
    it('creates, finds by hash, lists per project, revokes once and counts', async () => {
      const s = env.store;
      const k1 = await s.apiKeyCreate({ id: 'key_1', projectId: 'proj_a', name: 'ci', keyHash: 'h1', prefix: 'dk_abc' });
      expect(k1).toMatchObject({ id: 'key_1', projectId: 'proj_a', name: 'ci', prefix: 'dk_abc', revokedAt: null });
      expect(new Date(k1.createdAt).toISOString()).toBe(k1.createdAt);
      await s.apiKeyCreate({ id: 'key_2', projectId: 'proj_b', name: null, keyHash: 'h2', prefix: 'dk_def' });
      await s.apiKeyCreate({ id: 'key_3', projectId: 'proj_a', name: 'app', keyHash: 'h3', prefix: 'dk_ghi' });
      expect(await s.apiKeyCount()).toBe(3);

      const found = await s.apiKeyFindByHash({ keyHash: 'h1' });
      expect(found).toMatchObject({ id: 'key_1', projectId: 'proj_a', revokedAt: null });
      expect(found).not.toHaveProperty('keyHash');
      expect(found?.lastUsedAt).not.toBeNull(); // a successful lookup records use
      expect(await s.apiKeyFindByHash({ keyHash: 'nope' })).toBeNull();

      expect((await s.apiKeyList({ projectId: 'proj_a' })).map((k) => k.id).sort()).toEqual(['key_1', 'key_3']);
      expect((await s.apiKeyList({})).map((k) => k.id).sort()).toEqual(['key_1', 'key_2', 'key_3']);

      expect(await s.apiKeyRevoke({ id: 'key_1' })).toBe(true);
      expect(await s.apiKeyRevoke({ id: 'key_1' })).toBe(false);
      expect(await s.apiKeyRevoke({ id: 'key_missing' })).toBe(false);
      const revoked = await s.apiKeyFindByHash({ keyHash: 'h1' });
      expect(revoked?.revokedAt).not.toBeNull();
      expect(await s.apiKeyCount()).toBe(3);
    });

    it('rejects a duplicate key hash', async () => {
      await env.store.apiKeyCreate({ id: 'key_a', projectId: 'p', name: null, keyHash: 'same', prefix: 'x' });
      await expect(env.store.apiKeyCreate({ id: 'key_b', projectId: 'p', name: null, keyHash: 'same', prefix: 'x' })).rejects.toThrow();
    });
  });

  describe('blobs', () => {
    it('round-trips bytes by key, and a missing key is null', async () => {
      const bytes = new Uint8Array(1024 * 1024 + 7).map((_, i) => (i * 31) % 256);
      const key = 'ab0123456789cdef0123456789abcdef0123456789abcdef0123456789abcdef';
      await env.store.blobPut({ key, bytes });
      await env.store.blobPut({ key, bytes }); // content-addressed: putting again is harmless
      const got = await env.store.blobGet({ key });
      expect(got && Buffer.from(got).equals(Buffer.from(bytes))).toBe(true);
      expect(await env.store.blobGet({ key: 'ff00' })).toBeNull();
      const empty = 'ee0000';
      await env.store.blobPut({ key: empty, bytes: new Uint8Array(0) });
      expect((await env.store.blobGet({ key: empty }))?.byteLength).toBe(0);
    });
  });
}
