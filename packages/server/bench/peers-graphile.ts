// (e) peer comparison: graphile-worker 0.17.3 on PostgreSQL, no-op jobs end to end (addJob one at a
// time, awaited, while a runner with `concurrency` drains them; LISTEN/NOTIFY wake-ups).
// Child process of bench/peers.ts. Args: databaseUrl N concurrency
import { makeWorkerUtils, run } from 'graphile-worker';
import { report } from './util.ts';

const [url, nArg, cArg] = process.argv.slice(2);
const N = Number(nArg);
const concurrency = Number(cArg);
const utils = await makeWorkerUtils({ connectionString: url });
await utils.migrate();
let done = 0;
let allDone!: () => void;
const finished = new Promise<void>((r) => (allDone = r));
const runner = await run({
  connectionString: url, concurrency, noHandleSignals: true, pollInterval: 1000,
  taskList: {
    noop: async () => {
      if (++done === N) allDone();
    },
  },
});
const t0 = performance.now();
for (let i = 0; i < N; i++) await utils.addJob('noop', { i });
await finished;
const seconds = (performance.now() - t0) / 1000;
await runner.stop();
await utils.release();
report({ system: 'graphile-worker', n: N, concurrency, seconds, perSec: N / seconds });
