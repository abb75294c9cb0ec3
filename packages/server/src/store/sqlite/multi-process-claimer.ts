// Test helper run as a child process by sqlite-store.test.ts: opens the store on a shared data
// dir, prints "ready", waits for "go" on stdin, then claims and finishes runs until none are
// left and prints the ids it won as one JSON line. Mode "open" only opens (migration race).
import { openSqliteStore } from './sqlite-store.ts';

const [dataDir, owner, mode] = process.argv.slice(2);
const store = await openSqliteStore({ dataDir });
if (mode === 'open') {
  await store.close();
  process.stdout.write('opened\n');
} else {
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  const won: string[] = [];
  for (;;) {
    const got = await store.runClaim({ owner, limit: 2, leaseMs: 60_000 });
    if (got.length === 0) break;
    for (const run of got) {
      won.push(run.id);
      const done = await store.runFinish({ id: run.id, owner, outcome: 'completed', output: { by: owner } });
      if (!done) throw new Error(`finish refused for ${run.id}`);
    }
  }
  await store.close();
  process.stdout.write(`${JSON.stringify(won)}\n`);
}
process.stdin.destroy();
