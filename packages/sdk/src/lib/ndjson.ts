// Splits a byte stream of newline-delimited JSON (application/stream+json) into parsed objects.
// Blank lines are skipped; a defensive `data: ` prefix (SSE framing) is stripped.
import { DocketError } from '../core/errors.ts';

export async function* parseNdjson(body: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const parsed = parseLine(line);
        if (parsed !== undefined) yield parsed;
      }
      if (done) break;
    }
    const rest = parseLine(buffer);
    if (rest !== undefined) yield rest;
  } finally {
    reader.releaseLock();
  }
}

function parseLine(raw: string): unknown {
  let line = raw.trim();
  if (line.startsWith('data:')) line = line.slice(5).trim();
  if (line === '' || line === '[DONE]') return undefined;
  try {
    return JSON.parse(line);
  } catch {
    throw new DocketError(`Malformed line in the extraction stream: ${line.slice(0, 200)}`);
  }
}
