// The examples/ directory works end to end: examples/invoice.pdf with examples/invoice.schema.json
// through the real server (background create, poll), and examples/extract-background.sh.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Docket } from '@docket/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startTestServer, type TestServer } from './support/test-server.ts';

const EXAMPLES = path.join(REPO_ROOT, 'examples');
const INVOICE = path.join(EXAMPLES, 'invoice.pdf');
const SCHEMA = JSON.parse(readFileSync(path.join(EXAMPLES, 'invoice.schema.json'), 'utf8'));

const EXPECTED_SCALARS = {
  invoice_number: 'INV-2026-0042',
  invoice_date: '2026-03-14',
  currency: 'EUR',
  total: 1234.56,
  vendor_name: 'Northwind Digital GmbH',
};
const EXPECTED_LINE_ITEMS = [
  { description: 'Website maintenance (March 2026)', quantity: 1, unit_price: 480, amount: 480 },
  { description: 'Cloud hosting, Standard plan (monthly)', quantity: 3, unit_price: 125.6, amount: 376.8 },
  { description: 'Technical support hours', quantity: 4, unit_price: 43, amount: 172 },
];

function hasCommand(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let server: TestServer;
let output: Record<string, unknown>;

beforeAll(async () => {
  server = await startTestServer({ concurrency: 2 });
  const client = new Docket({ apiKey: server.apiKey, baseURL: server.baseURL });
  const run = await client.extractions.createAndPoll({ document: INVOICE, json_schema: SCHEMA }, { pollIntervalMs: 50 });
  expect(run.status, JSON.stringify(run.error)).toBe('completed');
  output = run.output as Record<string, unknown>;
});

afterAll(async () => {
  await server?.close();
});

describe('examples/invoice.pdf extracted with examples/invoice.schema.json', () => {
  it('reads the header fields and the total', () => {
    expect(output).toMatchObject(EXPECTED_SCALARS);
  });

  it('reads the three line items', () => {
    expect(output.line_items).toEqual(EXPECTED_LINE_ITEMS);
  });
});

describe('examples/extract-background.sh', () => {
  it.skipIf(!hasCommand('curl') || !hasCommand('base64'))('posts in the background, polls, prints the output', async () => {
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn('bash', [path.join(EXAMPLES, 'extract-background.sh')], {
        env: { ...process.env, DOCKET_API_KEY: server.apiKey, DOCKET_BASE_URL: server.baseURL },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^created extr_\w+ \(queued\)/);
    expect(JSON.parse(r.stdout)).toMatchObject(EXPECTED_SCALARS);
  });
});
