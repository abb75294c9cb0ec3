// Chaos: a real server process is killed with SIGKILL while it parses a big PDF; a new process on the
// same data dir recovers the expired lease and completes the run. Nothing is lost, nothing finishes twice.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { CORPUS, REPO_ROOT } from './support/test-server.ts';

const KEY = 'dk_test_chaos_key_0123456789';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'docket-chaos-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/cli/main.ts', 'serve'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DOCKET_PORT: String(port), DOCKET_DATA_DIR: dataDir, DOCKET_BOOTSTRAP_KEY: KEY, DOCKET_LEASE_SECONDS: '2', DOCKET_WORKER_CONCURRENCY: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('Docket listening')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
  });
  return child;
}

const api = (port: number) => async (method: string, p: string, body?: unknown) => {
  const res = await fetch(`http://127.0.0.1:${port}${p}`, {
    method,
    headers: { 'api-key': KEY, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return res.json();
};

it('a run whose worker process was killed mid-run is re-queued and completes in a new process', async () => {
  const port1 = await freePort();
  const first = await startServer(port1);
  const call1 = api(port1);
  const bytes = readFileSync(path.join(CORPUS, 'tricky_pdfs/synth_1200_pages.pdf'));
  const created = await call1('POST', '/v1/parses', { document: { filename: 'big.pdf', url: `data:application/pdf;base64,${bytes.toString('base64')}` }, background: true });
  let r = created;
  while (!(r.status === 'in_progress' && r.progress?.completed > 0)) {
    await new Promise((res) => setTimeout(res, 50));
    r = await call1('GET', `/v1/parses/${created.id}`);
    expect(['queued', 'in_progress']).toContain(r.status);
  }
  first.kill('SIGKILL');
  await new Promise((res) => first.once('exit', res));

  const port2 = await freePort();
  await startServer(port2);
  const call2 = api(port2);
  let final = await call2('GET', `/v1/parses/${created.id}`);
  const deadline = Date.now() + 120_000;
  while (!['completed', 'failed', 'cancelled'].includes(final.status) && Date.now() < deadline) {
    await new Promise((res) => setTimeout(res, 200));
    final = await call2('GET', `/v1/parses/${created.id}?include_output=false`);
  }
  expect(final.status).toBe('completed');
  expect(final.attempts).toBe(2);
  expect(final.usage.page_count).toBe(1200);
}, 180_000);
