// (e) Docket beside peer job queues, no-op jobs end to end with the same job count and concurrency:
// Docket on PostgreSQL beside pg-boss 10.4 and graphile-worker 0.17 (each on a fresh database of the
// same PostgreSQL server, dropped afterwards), Docket on SQLite beside BullMQ 6 on Redis (a key
// prefix of its own, deleted afterwards). Each system runs in its own child process, one at a time.
import net from 'node:net';
import os from 'node:os';
import { createChaosDatabase, postgresUnavailable } from '../chaos/chaos-db.ts';
import { fmt, ratio, runChild, table } from './util.ts';

interface PeerResult {
  system: string;
  n: number;
  concurrency: number;
  seconds: number;
  perSec: number;
}

const REDIS_URL = process.env.DOCKET_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function onFreshDatabase(script: string, args: (url: string) => string[]): Promise<PeerResult> {
  const db = await createChaosDatabase(undefined, 'docket_bench_peers');
  try {
    process.stderr.write(`peers: ${script} on ${db.name}\n`);
    return await runChild<PeerResult>(script, args(db.url));
  } finally {
    await db.drop();
  }
}

/** Why the Redis server cannot be used, or null when it answers PING. */
function redisUnavailable(): Promise<string | null> {
  const u = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const sock = net.connect({ host: u.hostname, port: Number(u.port || 6379) });
    const done = (why: string | null) => {
      sock.destroy();
      resolve(why);
    };
    sock.setTimeout(3000, () => done(`Redis at ${REDIS_URL} did not answer`));
    sock.on('error', (err) => done(`Redis unreachable at ${REDIS_URL}: ${err.message}`));
    sock.on('connect', () => sock.write('PING\r\n'));
    sock.on('data', (d) => done(d.toString().startsWith('+PONG') ? null : `Redis at ${REDIS_URL} answered ${d.toString().trim()}`));
  });
}

const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' / ');

/** Runs every system and returns the printed section (markdown). */
export async function peers(n: number, concurrency: number): Promise<string> {
  const parts: string[] = [];
  const loadBefore = load();
  const rows: (string | number)[][] = [];
  const goals: string[] = [];
  const row = (label: string, r: PeerResult, ref: PeerResult | null) => rows.push([label, fmt(r.perSec), `${r.seconds.toFixed(2)} s`, ref ? ratio(r.perSec, ref.perSec) : '']);
  const args = [String(n), String(concurrency)];

  const noRedis = await redisUnavailable();
  if (noRedis) parts.push(`BullMQ row skipped: ${noRedis}`);
  else {
    const docketSqlite = await runChild<PeerResult>('peers-docket.ts', ['sqlite', ...args]);
    const bull = await runChild<PeerResult>('peers-bullmq.ts', [...args, REDIS_URL]);
    row('BullMQ 6.7.6 on Redis (reference)', bull, null);
    row('Docket on SQLite vs BullMQ', docketSqlite, bull);
    goals.push(`Docket-SQLite ≥ 1.0× BullMQ → ${docketSqlite.perSec >= bull.perSec ? 'met' : 'NOT met'} (${ratio(docketSqlite.perSec, bull.perSec)})`);
  }
  const noPg = await postgresUnavailable();
  if (noPg) parts.push(`PostgreSQL rows skipped: ${noPg}`);
  else {
    const docketPg = await onFreshDatabase('peers-docket.ts', (url) => ['postgres', ...args, url]);
    const boss = await onFreshDatabase('peers-pgboss.ts', (url) => [url, ...args]);
    const graphile = await onFreshDatabase('peers-graphile.ts', (url) => [url, ...args]);
    row('pg-boss 10.4.2 (reference; workers poll every 0.5 s, its minimum)', boss, null);
    row('graphile-worker 0.17.3 (reference; LISTEN/NOTIFY)', graphile, null);
    row('Docket on PostgreSQL vs pg-boss', docketPg, boss);
    row('Docket on PostgreSQL vs graphile-worker', docketPg, graphile);
    goals.push(`Docket-PostgreSQL ≥ 2× pg-boss → ${docketPg.perSec >= 2 * boss.perSec ? 'met' : 'NOT met'} (${ratio(docketPg.perSec, boss.perSec)})`);
    goals.push(`Docket-PostgreSQL ≥ 1× graphile-worker → ${docketPg.perSec >= graphile.perSec ? 'met' : 'NOT met'} (${ratio(docketPg.perSec, graphile.perSec)})`);
  }
  parts.unshift(
    table(`(e) no-op jobs/s end to end beside peer queues (${fmt(n)} jobs each, concurrency ${concurrency}, enqueued one at a time while workers drain)`, ['system', 'jobs/s', 'time', 'ratio'], rows),
    `Goals: ${goals.join('; ')}.`,
    `Load average (1/5/15 min) before: ${loadBefore}; after: ${load()}.`,
  );
  return parts.join('\n\n');
}
