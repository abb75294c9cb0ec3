// LISTEN side of the PostgreSQL store's cross-process notifications. One dedicated client (not
// from the pool: a pooled connection would be handed to other queries) LISTENs on the channel and
// fans payloads out to subscribers. If its connection drops, it reconnects with backoff and then
// tells subscribers `queued` once, since notifications sent while it was away are lost and
// claimers should look for work.
import pg from 'pg';
import type { StoreNotification } from '../run-store.ts';
import { PG_TYPES } from './pg-types.ts';

export const CHANNEL = 'docket_events';
const MAX_BACKOFF_MS = 5_000;

type Subscriber = (n: StoreNotification) => void;

export class PgListener {
  private readonly subscribers = new Set<Subscriber>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private backoffMs = 50;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Times the LISTEN connection was (re)established; for tests and diagnostics. */
  connects = 0;

  constructor(private readonly connectionString: string) {}

  /** Subscribe; resolves once LISTEN is active (the first subscription connects). */
  async subscribe(fn: Subscriber): Promise<() => Promise<void>> {
    if (this.closed) throw new Error('store is closed');
    this.subscribers.add(fn);
    try {
      await this.ensureConnected();
    } catch (err) {
      this.subscribers.delete(fn);
      throw err;
    }
    return async () => {
      this.subscribers.delete(fn);
    };
  }

  /** The backend pid of the LISTEN connection (null while disconnected). */
  get backendPid(): number | null {
    return (this.client as unknown as { processID?: number } | null)?.processID ?? null;
  }

  private ensureConnected(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, types: PG_TYPES });
    client.on('error', () => this.dropped(client)); // e.g. the backend was terminated
    client.on('end', () => this.dropped(client));
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      let n: StoreNotification;
      try {
        n = JSON.parse(msg.payload) as StoreNotification;
      } catch {
        return;
      }
      this.deliver(n);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    const reconnected = this.connects > 0;
    this.client = client;
    this.connects++;
    this.backoffMs = 50;
    if (reconnected) this.deliver({ type: 'queued' });
  }

  private deliver(n: StoreNotification): void {
    for (const fn of [...this.subscribers]) {
      try {
        fn(n);
      } catch {
        // A subscriber's failure must not stop delivery to the others.
      }
    }
  }

  private dropped(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.removeAllListeners();
    client.on('error', () => undefined);
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.ensureConnected().catch(() => {
        this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2);
        this.scheduleReconnect();
      });
    }, this.backoffMs);
    this.retryTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscribers.clear();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.connecting?.catch(() => undefined);
    const c = this.client;
    this.client = null;
    if (c) {
      c.removeAllListeners();
      c.on('error', () => undefined);
      await c.end().catch(() => undefined);
    }
  }
}
