// NDJSON splitting across arbitrary chunk boundaries.
import { describe, expect, it } from 'vitest';
import { parseNdjson } from './ndjson.ts';

function streamOf(parts: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const p of parts) c.enqueue(enc.encode(p));
      c.close();
    },
  });
}

const collect = async (s: ReadableStream<Uint8Array>) => {
  const out = [];
  for await (const o of parseNdjson(s)) out.push(o);
  return out;
};

describe('parseNdjson', () => {
  it('reassembles objects split across chunks, skips blank lines, keeps a final unterminated line', async () => {
    expect(await collect(streamOf(['{"a":', '1}\n\n{"b":"é', '"}\r\n', '{"c":3}']))).toEqual([{ a: 1 }, { b: 'é' }, { c: 3 }]);
  });

  it('strips an SSE data: prefix and a [DONE] marker', async () => {
    expect(await collect(streamOf(['data: {"x":1}\n', 'data: [DONE]\n']))).toEqual([{ x: 1 }]);
  });

  it('rejects malformed lines', async () => {
    await expect(collect(streamOf(['{"x":\n']))).rejects.toThrow(/Malformed line/);
  });
});
