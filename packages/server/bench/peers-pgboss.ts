// (e) peer comparison: pg-boss 10.4.2 on PostgreSQL, no-op jobs end to end (send one at a time,
// awaited, while `concurrency` workers fetch one job each at pg-boss's shortest polling interval,
// 0.5 s). Child process of bench/peers.ts. Args: databaseUrl N concurrency
import PgBoss from 'pg-boss';
import { report } from './util.ts';

const [url, nArg, cArg] = process.argv.slice(2);
const N = Number(nArg);
const concurrency = Number(cArg);
const boss = new PgBoss({ connectionString: url, max: concurrency + 4, supervise: false, schedule: false });
boss.on('error', (err) => process.stderr.write(`pg-boss: ${err.message}\n`));
await boss.start();
const queue = 'docket_bench_noop';
await boss.createQueue(queue);
let done = 0;
let allDone!: () => void;
const finished = new Promise<void>((r) => (allDone = r));
const t0 = performance.now();
for (let w = 0; w < concurrency; w++) {
  await boss.work(queue, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    done += jobs.length;
    if (done >= N) allDone();
  });
}
for (let i = 0; i < N; i++) await boss.send(queue, { i });
await finished;
const seconds = (performance.now() - t0) / 1000;
await boss.stop({ graceful: true, wait: true, timeout: 5000 });
report({ system: 'pg-boss', n: N, concurrency, seconds, perSec: N / seconds });
