// Chaos helper: the mixed workload (text documents, a small corpus PDF, a form PDF and a few slow
// 1200-page parses across all six primitives) and an HTTP client that survives killed processes:
// requests rotate over the API processes and retry network errors; creates carry an
// Idempotency-Key, so a retried create answers the run the first attempt made, never a second one.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CORPUS } from './procs.ts';

export const RESOURCES = ['parses', 'extractions', 'classifications', 'splits', 'partitions', 'edits'] as const;
export type Resource = (typeof RESOURCES)[number];

export interface PlannedRun {
  index: number;
  resource: Resource;
  slow: boolean;
  body: Record<string, unknown>;
}

const dataUri = (mime: string, bytes: Buffer | string) => `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;
const pdf = (rel: string) => dataUri('application/pdf', readFileSync(path.join(CORPUS, rel)));

function textDoc(i: number) {
  const text = `INVOICE\nInvoice number: INV-${1000 + i}\nDate: 2024-03-${String((i % 28) + 1).padStart(2, '0')}\nBill to: Chaos Test Ltd\nTotal: ${(i * 3.17).toFixed(2)} EUR\n`;
  return { filename: `invoice-${i}.txt`, url: dataUri('text/plain', text) };
}

/** `n` runs; `slow` of them (spread over the last three quarters, so slow work is still queued when the
 *  kill comes) parse the 1200-page PDF. */
export function planWorkload(n: number, slow: number): PlannedRun[] {
  const smallPdf = { filename: 'doc_1_3_pages.pdf', url: pdf('multidoc/pdfjs_doc_1_3_pages.pdf') };
  const form = { filename: 'acroform.pdf', url: pdf('forms/pdfminer_AcroForm_TEST.pdf') };
  const big = { filename: 'synth_1200_pages.pdf', url: pdf('tricky_pdfs/synth_1200_pages.pdf') };
  const slowAt = new Set(Array.from({ length: slow }, (_, k) => Math.floor(n / 4 + ((k + 0.5) * 3 * n) / (4 * slow))));
  const kinds: ((i: number) => Pick<PlannedRun, 'resource' | 'body'>)[] = [
    (i) => ({ resource: 'parses', body: { document: textDoc(i) } }),
    (i) => ({ resource: 'extractions', body: { document: textDoc(i), json_schema: { type: 'object', properties: { invoice_number: { type: 'string' }, total: { type: 'number' } } } } }),
    (i) => ({ resource: 'classifications', body: { document: textDoc(i), categories: [{ name: 'invoice', description: 'a bill' }, { name: 'letter', description: 'prose' }] } }),
    () => ({ resource: 'parses', body: { document: smallPdf } }),
    () => ({ resource: 'splits', body: { document: smallPdf, subdocuments: [{ name: 'document', description: 'a document' }, { name: 'other', description: 'anything else' }] } }),
    (i) => ({ resource: 'partitions', body: { document: textDoc(i), key: 'invoice number', instructions: 'one partition per invoice' } }),
    () => ({ resource: 'edits', body: { document: form, instructions: 'Text Field0: Ada Lovelace' } }),
    (i) => ({ resource: 'extractions', body: { document: smallPdf, json_schema: { type: 'object', properties: { title: { type: 'string' } } }, metadata: { chaos: String(i) } } }),
  ];
  return Array.from({ length: n }, (_, index) => {
    if (slowAt.has(index)) return { index, slow: true, resource: 'parses', body: { document: big, background: true } };
    const k = kinds[index % kinds.length](index);
    return { index, slow: false, resource: k.resource, body: { ...k.body, background: true } };
  });
}

export interface ApiClient {
  request(method: string, p: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  /** Like request, but retries network errors, 5xx and 409 (Idempotency-Key in flight) until `deadline`. */
  retrying(method: string, p: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  networkRetries: number;
}

export function apiClient(ports: () => number[], key: string, deadline: () => number): ApiClient {
  let turn = 0;
  const client: ApiClient = {
    networkRetries: 0,
    async request(method, p, body, headers = {}) {
      const list = ports();
      const port = list[turn++ % list.length];
      const res = await fetch(`http://127.0.0.1:${port}${p}`, {
        method,
        headers: { 'api-key': key, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(60_000),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async retrying(method, p, body, headers) {
      let lastErr = '';
      while (Date.now() < deadline()) {
        try {
          const r = await client.request(method, p, body, headers);
          if (r.status < 500 && r.status !== 409) return r;
          lastErr = `${r.status} ${JSON.stringify(r.body).slice(0, 200)}`;
        } catch (err) {
          lastErr = (err as Error).message;
        }
        client.networkRetries++;
        await new Promise((res) => setTimeout(res, 200));
      }
      throw new Error(`${method} ${p} kept failing until the deadline: ${lastErr}`);
    },
  };
  return client;
}
