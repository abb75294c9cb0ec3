// In-process run events: wake-ups for the claim loop, cancel delivery to the pool, and per-run
// progress / partial output / terminal notifications for sync waits and streams.
// With SQLite (one process) these are the only signal needed; polling the store stays as fallback.
import { EventEmitter } from 'node:events';
import type { Run, RunProgress } from '../runs/types.ts';

export type RunEvent =
  | { type: 'progress'; progress: RunProgress }
  | { type: 'partial'; output: unknown }
  | { type: 'terminal'; run: Run };

export class RunEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /** A run became claimable. */
  notifyQueued(): void {
    this.emitter.emit('queued');
  }
  onQueued(fn: () => void): () => void {
    this.emitter.on('queued', fn);
    return () => this.emitter.off('queued', fn);
  }

  /** A client asked to cancel an in-progress run. */
  notifyCancel(id: string): void {
    this.emitter.emit('cancel', id);
  }
  onCancel(fn: (id: string) => void): () => void {
    this.emitter.on('cancel', fn);
    return () => this.emitter.off('cancel', fn);
  }

  publish(id: string, ev: RunEvent): void {
    this.emitter.emit(`run:${id}`, ev);
  }
  /** Whether anyone (a sync wait, a stream) is listening to this run. */
  hasSubscribers(id: string): boolean {
    return this.emitter.listenerCount(`run:${id}`) > 0;
  }
  subscribe(id: string, fn: (ev: RunEvent) => void): () => void {
    const name = `run:${id}`;
    this.emitter.on(name, fn);
    return () => this.emitter.off(name, fn);
  }
}
