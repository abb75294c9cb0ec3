// (e) peer comparison: BullMQ 6.7.6 on the Redis at 127.0.0.1:6379 (key prefix of its own, deleted
// afterwards), no-op jobs end to end (add one at a time, awaited, while a Worker with `concurrency`
// drains them). Child process of bench/peers.ts. Args: N concurrency [redisUrl]
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { report } from './util.ts';

const [nArg, cArg, redisUrl = 'redis://127.0.0.1:6379'] = process.argv.slice(2);
const N = Number(nArg);
const concurrency = Number(cArg);
const prefix = `docket-bench-${process.pid}-${randomBytes(3).toString('hex')}`;
const connection = () => new Redis(redisUrl, { maxRetriesPerRequest: null });
// BullMQ does not close connections it was given, so they are kept here and quit at the end
// (an open socket would keep this child alive and the bench waiting for it).
const queueConn = connection();
const workerConn = connection();
const queue = new Queue('noop', { connection: queueConn, prefix });
let done = 0;
let allDone!: () => void;
const finished = new Promise<void>((r) => (allDone = r));
const worker = new Worker('noop', async () => {}, { connection: workerConn, prefix, concurrency });
worker.on('completed', () => {
  if (++done === N) allDone();
});
await worker.waitUntilReady();
const t0 = performance.now();
for (let i = 0; i < N; i++) await queue.add('noop', { i }, { removeOnComplete: false });
await finished;
const seconds = (performance.now() - t0) / 1000;
await worker.close();
await queue.obliterate({ force: true });
await queue.close();
// Whatever obliterate left (meta keys): delete every key under our prefix.
const r = connection();
let cursor = '0';
do {
  const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
  cursor = next;
  if (keys.length) await r.del(...keys);
} while (cursor !== '0');
await r.quit();
await Promise.all([queueConn.quit(), workerConn.quit()]);
report({ system: 'bullmq', n: N, concurrency, seconds, perSec: N / seconds });
