// A real Docket server for tests: HTTP on an ephemeral 127.0.0.1 port, SQLite in a temp dir,
// an in-process worker pool. Everything is removed on close().
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Config, loadConfig } from '../../src/config/config.ts';
import { createApiKey } from '../../src/http/api-keys.ts';
import { type Docket, type StartOptions, startDocket } from '../../src/server.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus');

export interface TestServer {
  baseURL: string;
  apiKey: string;
  projectId: string;
  dataDir: string;
  docket: Docket;
  createKey(projectId: string): Promise<string>;
  /** Stop the server but keep its data dir (to restart on it). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestServer(opts: { concurrency?: number; config?: Partial<Config>; dataDir?: string; start?: StartOptions } = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'docket-test-'));
  const config = loadConfig({}, { host: '127.0.0.1', port: 0, dataDir, workerConcurrency: opts.concurrency ?? 2, ...opts.config });
  const docket = await startDocket(config, { ...opts.start });
  const createKey = async (projectId: string) => (await createApiKey(docket.store, { projectId })).key;
  const apiKey = await createKey('test-project');
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await docket.close();
  };
  return {
    baseURL: docket.url,
    apiKey,
    projectId: 'test-project',
    dataDir,
    docket,
    createKey,
    stop,
    async close() {
      await stop();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A document as the wire's MIMEData, from a file. */
export async function mimeData(file: string): Promise<{ filename: string; url: string }> {
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(file);
  const ext = path.extname(file).toLowerCase();
  const mime = ext === '.pdf' ? 'application/pdf' : ext === '.png' ? 'image/png' : 'application/octet-stream';
  return { filename: path.basename(file), url: `data:${mime};base64,${bytes.toString('base64')}` };
}

/** `call(method, path, body?)` → `{status, body}` (parsed JSON) with the server's API key. The
 *  server is looked up at call time, so it can be created in a beforeAll. */
export function jsonCaller(server: () => TestServer) {
  return async (method: string, p: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const srv = server();
    const res = await fetch(srv.baseURL + p, {
      method,
      headers: { 'api-key': srv.apiKey, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: await res.json() };
  };
}
