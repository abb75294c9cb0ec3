// Helpers for corpus-wide and hostile-input tests: send documents as background parses over HTTP, poll
// them to their terminal state, compare texts, and print an outcome table.
import type { TestServer } from './test-server.ts';

export const TERMINAL = ['completed', 'failed', 'cancelled'];

export async function api(srv: TestServer, method: string, p: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(srv.baseURL + p, {
    method,
    headers: { 'api-key': srv.apiKey, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Create background parses for every document (a few in flight at a time), then poll each to its end. */
export async function parseAll(
  srv: TestServer,
  docs: { name: string; document: { filename: string; url: string } }[],
  extra: Record<string, unknown> = {},
): Promise<Map<string, any>> {
  const ids = new Map<string, string>();
  for (const d of docs) {
    const r = await api(srv, 'POST', '/v1/parses', { document: d.document, background: true, ...extra });
    if (r.status !== 201) throw new Error(`${d.name}: create answered ${r.status} ${JSON.stringify(r.body)}`);
    ids.set(d.name, r.body.id);
  }
  const results = new Map<string, any>();
  while (results.size < ids.size) {
    for (const [name, id] of ids) {
      if (results.has(name)) continue;
      const r = await api(srv, 'GET', `/v1/parses/${id}?include_output=false`);
      if (TERMINAL.includes(r.body.status)) results.set(name, (await api(srv, "GET", `/v1/parses/${id}`)).body);
    }
    if (results.size < ids.size) await new Promise((res) => setTimeout(res, 50));
  }
  return results;
}

/** Seconds between a run's start and its end (null when it never started). */
export function runSeconds(run: any): number | null {
  if (!run.started_at || !run.completed_at) return null;
  return (Date.parse(run.completed_at) - Date.parse(run.started_at)) / 1000;
}

/** Text for comparison: NFKC, markdown table syntax removed, whitespace collapsed. */
export function normaliseText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/gm, ' ')
    .replace(/\|/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** 1 − Levenshtein distance / longer length (1 for two empty strings). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return 0;
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = [i];
    for (let j = 1; j <= m; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return 1 - prev[m] / Math.max(n, m);
}

export function printTable(title: string, header: string[], rows: (string | number)[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const fmt = (r: (string | number)[]) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  console.log([`\n${title}`, fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n'));
}
