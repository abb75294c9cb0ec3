// The `docket` client commands run as child processes against a real test server.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startTestServer, type TestServer } from './support/test-server.ts';

const MAIN = path.join(REPO_ROOT, 'packages/server/src/cli/main.ts');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function docket(args: string[], env: Record<string, string>, onStderr?: (text: string, kill: () => void) => void): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DOCKET_API_KEY: '', DOCKET_BASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      onStderr?.(stderr, () => child.kill('SIGINT'));
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'docket-cli-'));
const doc = path.join(tmp, 'invoice.txt');
const schema = path.join(tmp, 'schema.json');
const badSchema = path.join(tmp, 'bad.json');
writeFileSync(doc, 'ACME Tools Ltd\nInvoice No: INV-77\nInvoice Date: 2026-03-14\nTotal: EUR 120.50\n');
writeFileSync(
  schema,
  JSON.stringify({
    type: 'object',
    properties: {
      invoice_number: { type: 'string', description: 'Invoice number' },
      total: { type: 'number', description: 'Total amount due' },
    },
  }),
);
writeFileSync(badSchema, '{"type": "object", properties: }');

let server: TestServer; // executes runs
let idle: TestServer; // no workers: runs stay queued
let env: Record<string, string>;
let idleEnv: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer({ concurrency: 2 });
  idle = await startTestServer({ concurrency: 0 });
  env = { DOCKET_API_KEY: server.apiKey, DOCKET_BASE_URL: server.baseURL };
  idleEnv = { DOCKET_API_KEY: idle.apiKey, DOCKET_BASE_URL: idle.baseURL };
});

afterAll(async () => {
  await server?.close();
  await idle?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('docket extract / runs', () => {
  let extractionId = '';

  it('extract --background --wait prints the output JSON after progress lines', async () => {
    const r = await docket(['extract', doc, '--schema', schema, '--background', '--wait', '--poll-interval', '50'], env);
    expect(r.stderr).toMatch(/^extr_\w+: (queued|pending|in_progress)/m);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({ invoice_number: 'INV-77', total: 120.5 });
    extractionId = /^(extr_\w+)/m.exec(r.stderr)![1];
  });

  it('runs get prints the run by id', async () => {
    const r = await docket(['runs', 'get', extractionId], env);
    expect(r.code).toBe(0);
    const run = JSON.parse(r.stdout);
    expect(run).toMatchObject({ id: extractionId, object: 'extraction', status: 'completed' });
  });

  it('sync extract (no --background) prints the output', async () => {
    const r = await docket(['extract', doc, '--schema', schema], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).invoice_number).toBe('INV-77');
  });

  it('a failed run prints its error code on stderr and exits 1', async () => {
    const corrupt = path.join(tmp, 'broken.pdf');
    writeFileSync(corrupt, '%PDF-1.7\nthis is not really a pdf\n');
    const r = await docket(['parse', corrupt, '--background', '--wait', '--poll-interval', '50'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/prs_\w+ failed: [a-z_]+: /);
    expect(r.stdout).toBe('');
  });

  it('--background alone prints the id and status; runs cancel cancels it', async () => {
    const created = await docket(['extract', doc, '--schema', schema, '--background'], idleEnv);
    expect(created.code).toBe(0);
    const [id, status] = created.stdout.trim().split(' ');
    expect(id).toMatch(/^extr_/);
    expect(status).toBe('queued');
    const cancelled = await docket(['runs', 'cancel', id], idleEnv);
    expect(cancelled.code).toBe(0);
    expect(JSON.parse(cancelled.stdout).status).toBe('cancelled');
    expect((await idle.docket.store.runGet({ id }))?.status).toBe('cancelled');
  });

  it('Ctrl-C while waiting cancels the run server-side and says so', async () => {
    let sent = false;
    const r = await docket(['parse', doc, '--background', '--wait', '--poll-interval', '50'], idleEnv, (text, kill) => {
      if (!sent && /prs_\w+: queued/.test(text)) {
        sent = true;
        kill();
      }
    });
    expect(sent).toBe(true);
    expect(r.code).toBe(130);
    const id = /(prs_\w+)/.exec(r.stderr)![1];
    expect(r.stderr).toContain(`run ${id} cancelled server-side`);
    expect((await idle.docket.store.runGet({ id }))?.status).toBe('cancelled');
  });
});

describe('docket client errors', () => {
  it('a schema file that is not JSON', async () => {
    const r = await docket(['extract', doc, '--schema', badSchema], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^docket: schema file .*bad\.json is not valid JSON/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unreachable server', async () => {
    const port = await freePort();
    const r = await docket(['runs', 'get', 'prs_01JZZZZZZZZZZZZZZZZZZZZZZZ'], { DOCKET_API_KEY: 'k', DOCKET_BASE_URL: `http://127.0.0.1:${port}` });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`docket: cannot reach Docket at http://127.0.0.1:${port}: is \`npm start\` running?\n`);
  });

  it('a bad API key', async () => {
    const r = await docket(['runs', 'get', 'prs_01JZZZZZZZZZZZZZZZZZZZZZZZ', '--api-key', 'dk_wrong', '--base-url', server.baseURL], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^docket: 401: /);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('no API key, and an id with an unknown prefix', async () => {
    const noKey = await docket(['runs', 'get', 'prs_x'], { DOCKET_BASE_URL: server.baseURL });
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toMatch(/no API key: set DOCKET_API_KEY/);
    const badId = await docket(['runs', 'get', 'xyz_1'], env);
    expect(badId.code).toBe(1);
    expect(badId.stderr).toMatch(/'xyz_1' is not a run id/);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
