// Time-sortable ids: prefix + 26-char ULID (Crockford base32, 48-bit ms time + 80 random bits).
// Ids made in the same millisecond by one process stay ordered (monotonic increment).
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let lastTime = -1;
let lastRandom: number[] = [];

export function ulid(now: number = Date.now()): string {
  let rand: number[];
  if (now <= lastTime) {
    rand = increment(lastRandom);
    now = lastTime;
  } else {
    rand = Array.from(randomBytes(16)).slice(0, 16).map((b) => b & 31);
  }
  lastTime = now;
  lastRandom = rand;
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time + rand.map((d) => ALPHABET[d]).join('');
}

function increment(digits: number[]): number[] {
  const out = digits.slice();
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] < 31) {
      out[i]++;
      return out;
    }
    out[i] = 0;
  }
  return out;
}

export const newRunId = (prefix: string): string => prefix + ulid();
