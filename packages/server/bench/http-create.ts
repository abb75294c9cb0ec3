// (b) Background creates over HTTP (POST /v1/parses, background: true, workers 0: API + store only)
// with autocannon, beside a bare Fastify route in the same server process answering the same size.
import autocannon from 'autocannon';
import { startChild } from './util.ts';

export interface LoadResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}

interface TargetInfo {
  docketUrl: string;
  bareUrl: string;
  apiKey: string;
  body: string;
}

export async function load(url: string, o: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string; connections: number; seconds: number }): Promise<LoadResult> {
  const r = await autocannon({ url, method: o.method, headers: o.headers, body: o.body, connections: o.connections, duration: o.seconds });
  return { reqPerSec: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, total: r.requests.total };
}

export async function httpCreate(seconds: number, connections: number): Promise<{ docket: LoadResult; bare: LoadResult }> {
  const target = await startChild<TargetInfo>('http-target.ts', ['0']);
  try {
    const { docketUrl, bareUrl, apiKey, body } = target.info;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` };
    // Warm-up: JIT, SQLite page cache.
    await load(`${docketUrl}/v1/parses`, { method: 'POST', headers, body, connections, seconds: 1 });
    await load(bareUrl, { method: 'POST', headers, body, connections, seconds: 1 });
    const bare = await load(bareUrl, { method: 'POST', headers, body, connections, seconds });
    const docket = await load(`${docketUrl}/v1/parses`, { method: 'POST', headers, body, connections, seconds });
    return { docket, bare };
  } finally {
    await target.stop();
  }
}
