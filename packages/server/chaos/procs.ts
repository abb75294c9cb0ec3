// Chaos helper: Docket processes (`docket serve --role …`, `docket worker`, `docket migrate`) as real
// child processes that can be killed with SIGKILL and restarted with the same settings.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus');
const MAIN = 'packages/server/src/cli/main.ts';

export type ProcRole = 'all' | 'api' | 'worker';

export interface ProcSpec {
  label: string;
  role: ProcRole;
  env: Record<string, string>;
  /** HTTP port (api/all). */
  port?: number;
}

export interface DocketProc {
  spec: ProcSpec;
  child: ChildProcess;
  pid: number;
  /** Last lines of its output, for diagnostics. */
  tail: string[];
  exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function childEnv(spec: ProcSpec): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKET_LOG_LEVEL: 'warn', ...spec.env };
  if (spec.port !== undefined) env.DOCKET_PORT = String(spec.port);
  return env;
}

/** Starts a process and resolves once it reports that it is serving (or working). */
export async function startProc(spec: ProcSpec, timeoutMs = 180_000): Promise<DocketProc> {
  const args = spec.role === 'worker' ? ['worker'] : ['serve', '--role', spec.role];
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: REPO_ROOT, env: childEnv(spec), stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const keep = (d: Buffer) => {
    for (const line of d.toString().split('\n')) if (line.trim()) tail.push(line.slice(0, 400));
    tail.splice(0, Math.max(0, tail.length - 40));
  };
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${spec.label} not ready after ${timeoutMs} ms: ${tail.join('\n')}`)), timeoutMs);
    let out = '';
    const onData = (d: Buffer) => {
      keep(d);
      out += d.toString();
      if (out.includes('Docket listening') || out.includes('Docket worker running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${spec.label} exited during start (${code}): ${tail.join('\n')}`));
    });
  });
  return { spec, child, pid: child.pid!, tail, exited };
}

/** kill -9; resolves when the process is gone. */
export async function kill9(p: DocketProc): Promise<void> {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await p.exited;
}

/** SIGTERM (graceful shutdown), then SIGKILL if it is still running after `graceMs`. */
export async function stopProc(p: DocketProc, graceMs = 20_000): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const t = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
  await p.exited;
  clearTimeout(t);
}

/** `docket migrate` with the given environment; resolves with its output or rejects on failure. */
export async function migrate(env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'migrate'], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`docket migrate exited with ${code}: ${out}`);
  return out.trim();
}
