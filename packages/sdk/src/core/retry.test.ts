// Retry-After parsing, backoff computation and the retry decision table.
import { describe, expect, it } from 'vitest';
import { computeBackoffMs, parseRetryAfter, shouldRetryConnectionError, shouldRetryStatus } from './retry.ts';

const h = (init: Record<string, string>) => new Headers(init);

describe('parseRetryAfter', () => {
  it('reads seconds, fractional seconds and retry-after-ms (preferred)', () => {
    expect(parseRetryAfter(h({ 'retry-after': '3' }))).toBe(3000);
    expect(parseRetryAfter(h({ 'retry-after': '0.25' }))).toBe(250);
    expect(parseRetryAfter(h({ 'retry-after': '0' }))).toBe(0);
    expect(parseRetryAfter(h({ 'retry-after-ms': '120', 'retry-after': '5' }))).toBe(120);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter(h({ 'retry-after': 'Thu, 01 Jan 2026 00:00:07 GMT' }), now)).toBe(7000);
  });

  it('ignores absent, garbage, negative and over-60s values', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter(h({}))).toBeUndefined();
    expect(parseRetryAfter(h({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(h({ 'retry-after': '-1' }))).toBeUndefined();
    expect(parseRetryAfter(h({ 'retry-after': '61' }))).toBeUndefined();
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter(h({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }), now)).toBeUndefined();
  });
});

describe('computeBackoffMs', () => {
  it('doubles from 0.5 s and caps at 8 s', () => {
    const noJitter = () => 0;
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => computeBackoffMs(n, noJitter))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('subtracts at most 25 % jitter', () => {
    expect(computeBackoffMs(0, () => 1)).toBe(375);
    expect(computeBackoffMs(4, () => 0.5)).toBe(7000);
    for (let i = 0; i < 100; i++) {
      const v = computeBackoffMs(2);
      expect(v).toBeGreaterThan(1500 - 1e-9);
      expect(v).toBeLessThanOrEqual(2000);
    }
  });
});

describe('shouldRetryStatus', () => {
  const idem = { idempotent: true };
  const create = { idempotent: false };
  it('retries 408, 429 and 5xx on idempotent requests, not 4xx nor 409', () => {
    for (const s of [408, 429, 500, 502, 503, 504]) expect(shouldRetryStatus(s, undefined, idem)).toBe(true);
    for (const s of [400, 401, 403, 404, 409, 413, 422]) expect(shouldRetryStatus(s, undefined, idem)).toBe(false);
  });

  it('retries a create without Idempotency-Key only on 429 and 503', () => {
    expect(shouldRetryStatus(429, undefined, create)).toBe(true);
    expect(shouldRetryStatus(503, undefined, create)).toBe(true);
    for (const s of [408, 500, 502, 504]) expect(shouldRetryStatus(s, undefined, create)).toBe(false);
    expect(shouldRetryConnectionError(create)).toBe(false);
    expect(shouldRetryConnectionError(idem)).toBe(true);
  });

  it('obeys x-should-retry', () => {
    expect(shouldRetryStatus(400, h({ 'x-should-retry': 'true' }), idem)).toBe(true);
    expect(shouldRetryStatus(500, h({ 'x-should-retry': 'false' }), idem)).toBe(false);
  });
});
