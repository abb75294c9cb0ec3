// Base64 encoding matches Node's, including the browser path without Buffer.
import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from './base64.ts';

describe('bytesToBase64', () => {
  it('encodes like Buffer, also when Buffer is unavailable (browsers)', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7919) % 256);
    const expected = Buffer.from(bytes).toString('base64');
    expect(bytesToBase64(bytes)).toBe(expected);
    const g = globalThis as { Buffer?: unknown };
    const saved = g.Buffer;
    try {
      g.Buffer = undefined;
      expect(bytesToBase64(bytes)).toBe(expected);
      expect(bytesToBase64(new Uint8Array())).toBe('');
    } finally {
      g.Buffer = saved;
    }
  });
});
