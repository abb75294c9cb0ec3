// (b2) GET poll latency of a run while 2 workers parse big PDFs (1200 pages each), beside the same
// GET with idle workers: shows that polls stay fast while PDF parsing runs in engine threads.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load, type LoadResult } from './http-create.ts';
import { CORPUS, startChild } from './util.ts';

interface TargetInfo {
  docketUrl: string;
  apiKey: string;
  sampleId: string;
}

const BIG = path.join(CORPUS, 'tricky_pdfs/synth_1200_pages.pdf');

export interface PollResult {
  idle: LoadResult;
  busy: LoadResult;
  /** Parses in progress when the busy measurement ended (should be 2: the workers stayed busy). */
  inProgressAtEnd: number;
  /** Pages parsed per second by the two workers during the measurement (from progress). */
  pagesParsedDuring: number;
}

export async function pollLatency(seconds: number, connections: number): Promise<PollResult> {
  const target = await startChild<TargetInfo>('http-target.ts', ['2']);
  const { docketUrl, apiKey, sampleId } = target.info;
  const auth = { authorization: `Bearer ${apiKey}` };
  const api = async (method: 'GET' | 'POST', p: string, body?: unknown) => {
    const res = await fetch(`${docketUrl}${p}`, { method, headers: body === undefined ? auth : { ...auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string; status: string; progress: { completed: number } | null };
  };
  try {
    const getUrl = `${docketUrl}/v1/parses/${sampleId}`;
    await load(getUrl, { method: 'GET', headers: auth, connections, seconds: 1 }); // warm-up
    const idle = await load(getUrl, { method: 'GET', headers: auth, connections, seconds });

    const url = `data:application/pdf;base64,${readFileSync(BIG).toString('base64')}`;
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      ids.push((await api('POST', '/v1/parses', { document: { filename: `big-${i}.pdf`, url }, background: true, bust_cache: true })).id);
    }
    // 12 runs of ~2.5 s each keep both workers busy through the window; leftovers are cancelled.
    // Wait until both workers hold a run and have parsed some pages.
    for (;;) {
      const runs = await Promise.all(ids.map((id) => api('GET', `/v1/parses/${id}?include_output=false`)));
      if (runs.filter((r) => r.status === 'in_progress' && (r.progress?.completed ?? 0) > 0).length >= 2) break;
      if (runs.some((r) => r.status === 'failed')) throw new Error(`a big parse failed: ${JSON.stringify(runs)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const pagesOf = async () => (await Promise.all(ids.map((id) => api('GET', `/v1/parses/${id}?include_output=false`)))).map((r) => ({ status: r.status, pages: r.status === 'completed' ? 1200 : (r.progress?.completed ?? 0) }));
    const before = await pagesOf();
    const busy = await load(getUrl, { method: 'GET', headers: auth, connections, seconds });
    const after = await pagesOf();
    const pages = after.reduce((a, r) => a + r.pages, 0) - before.reduce((a, r) => a + r.pages, 0);
    for (const id of ids) await api('POST', `/v1/parses/${id}/cancel`);
    return { idle, busy, inProgressAtEnd: after.filter((r) => r.status === 'in_progress').length, pagesParsedDuring: pages / seconds };
  } finally {
    await target.stop();
  }
}
