// Benchmark helpers: child processes that report one JSON line, table printing, formatting.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(BENCH_DIR, '../../..');
export const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus');

/** Prints the result as the last stdout line of a bench child process. */
export function report(result: unknown): void {
  process.stdout.write('\n' + JSON.stringify(result) + '\n');
}

function spawnBench(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, script), ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Runs a bench script in its own process (own heap, own peak RSS) and returns its JSON report. */
export function runChild<T>(script: string, args: string[] = [], timeoutMs = 10 * 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawnBench(script, args);
    let out = '';
    // A child that never exits (a handle left open) fails its section instead of hanging the bench.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.stdout!.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${script} exited with ${code}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no JSON report: ${last.slice(0, 200)}`));
      }
    });
  });
}

/** Starts a long-lived bench process; resolves with its first JSON line and a stop function. */
export function startChild<T>(script: string, args: string[] = []): Promise<{ info: T; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawnBench(script, args);
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      const stop = () =>
        new Promise<void>((done) => {
          if (child.exitCode !== null) return done();
          child.once('close', () => done());
          child.kill('SIGTERM');
        });
      resolve({ info: JSON.parse(line) as T, stop });
    };
    child.stdout!.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`${script} exited early with ${code}`)));
  });
}

export function table(title: string, header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
  const sep = '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|';
  return [`### ${title}`, '', line(cells[0]), sep, ...cells.slice(1).map(line)].join('\n');
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
export const mib = (kib: number) => `${fmt(kib / 1024)} MiB`;
