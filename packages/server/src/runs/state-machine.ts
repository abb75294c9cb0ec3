// The run state machine: which status changes are legal and what each event does.
// Pure: no I/O. The store enforces the same rules with guarded writes; this module is the
// single place that says what the rules are, and the store's SQL is tested against it.
import { type RunStatus, isTerminal } from './types.ts';

/** Every legal (from → to) status change. Anything not listed is illegal. Terminal states have no exits. */
export const TRANSITIONS: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  pending: ['queued', 'failed', 'cancelled'],
  queued: ['in_progress', 'failed', 'cancelled'],
  // in_progress → queued: its lease expired and attempts remain (recovery re-queues it).
  in_progress: ['completed', 'failed', 'cancelled', 'queued'],
  completed: [],
  failed: [],
  cancelled: [],
};

export const canTransition = (from: RunStatus, to: RunStatus): boolean => TRANSITIONS[from].includes(to);

export type RunEvent =
  | { type: 'ready' } // pending → queued (document fetched, backoff over)
  | { type: 'claim' } // a worker takes it
  | { type: 'finish'; outcome: 'completed' | 'failed'; cancelRequested: boolean }
  | { type: 'cancel' } // a client asks to cancel
  | { type: 'lease_expired'; attempts: number; maxAttempts: number };

export type EventResult =
  | { ok: true; to: RunStatus; markCancel?: boolean }
  | { ok: false; reason: string };

/** What an event does to a run in `from`. A cancel on a terminal run is a no-op (idempotent), not an error. */
export function applyEvent(from: RunStatus, ev: RunEvent): EventResult {
  switch (ev.type) {
    case 'ready':
      return from === 'pending' ? { ok: true, to: 'queued' } : illegal(from, ev.type);
    case 'claim':
      return from === 'queued' ? { ok: true, to: 'in_progress' } : illegal(from, ev.type);
    case 'finish': {
      if (from !== 'in_progress') return illegal(from, ev.type);
      // A run whose cancel was requested never ends completed; a failure still ends cancelled
      // because the client asked for it and the failure is most likely the abort itself.
      return { ok: true, to: ev.cancelRequested ? 'cancelled' : ev.outcome };
    }
    case 'cancel':
      if (isTerminal(from)) return { ok: true, to: from };
      if (from === 'in_progress') return { ok: true, to: 'in_progress', markCancel: true };
      return { ok: true, to: 'cancelled' };
    case 'lease_expired':
      if (from !== 'in_progress') return illegal(from, ev.type);
      return { ok: true, to: ev.attempts < ev.maxAttempts ? 'queued' : 'failed' };
  }
}

function illegal(from: RunStatus, event: string): EventResult {
  return { ok: false, reason: `event '${event}' is not allowed in status '${from}'` };
}
