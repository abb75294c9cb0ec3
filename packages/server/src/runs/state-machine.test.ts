import { describe, expect, it } from 'vitest';
import { RUN_STATUSES, type RunStatus, isTerminal } from './types.ts';
import { TRANSITIONS, applyEvent, canTransition, type RunEvent } from './state-machine.ts';

// The full table: every (from, to) pair, written out so a change to the rules shows up here.
const LEGAL: Record<RunStatus, Record<RunStatus, boolean>> = {
  pending: { pending: false, queued: true, in_progress: false, completed: false, failed: true, cancelled: true },
  queued: { pending: false, queued: false, in_progress: true, completed: false, failed: true, cancelled: true },
  in_progress: { pending: false, queued: true, in_progress: false, completed: true, failed: true, cancelled: true },
  completed: { pending: false, queued: false, in_progress: false, completed: false, failed: false, cancelled: false },
  failed: { pending: false, queued: false, in_progress: false, completed: false, failed: false, cancelled: false },
  cancelled: { pending: false, queued: false, in_progress: false, completed: false, failed: false, cancelled: false },
};

describe('state machine: every status pair', () => {
  for (const from of RUN_STATUSES) {
    for (const to of RUN_STATUSES) {
      it(`${from} → ${to} is ${LEGAL[from][to] ? 'legal' : 'illegal'}`, () => {
        expect(canTransition(from, to)).toBe(LEGAL[from][to]);
      });
    }
  }
  it('terminal states have no exits', () => {
    for (const s of RUN_STATUSES) if (isTerminal(s)) expect(TRANSITIONS[s]).toEqual([]);
  });
});

const EVENTS: RunEvent[] = [
  { type: 'ready' },
  { type: 'claim' },
  { type: 'finish', outcome: 'completed', cancelRequested: false },
  { type: 'finish', outcome: 'completed', cancelRequested: true },
  { type: 'finish', outcome: 'failed', cancelRequested: false },
  { type: 'finish', outcome: 'failed', cancelRequested: true },
  { type: 'cancel' },
  { type: 'lease_expired', attempts: 1, maxAttempts: 3 },
  { type: 'lease_expired', attempts: 3, maxAttempts: 3 },
];

// Expected result of every event in every status: a status, or null for "illegal".
const EXPECTED: Record<RunStatus, (RunStatus | null)[]> = {
  //            ready      claim          fin-ok       fin-ok+cxl   fin-fail  fin-fail+cxl cancel        lease(left) lease(none)
  pending: ['queued', null, null, null, null, null, 'cancelled', null, null],
  queued: [null, 'in_progress', null, null, null, null, 'cancelled', null, null],
  in_progress: [null, null, 'completed', 'cancelled', 'failed', 'cancelled', 'in_progress', 'queued', 'failed'],
  completed: [null, null, null, null, null, null, 'completed', null, null],
  failed: [null, null, null, null, null, null, 'failed', null, null],
  cancelled: [null, null, null, null, null, null, 'cancelled', null, null],
};

describe('state machine: every event in every status', () => {
  for (const from of RUN_STATUSES) {
    EVENTS.forEach((ev, i) => {
      const want = EXPECTED[from][i];
      it(`${from} + ${JSON.stringify(ev)} → ${want ?? 'illegal'}`, () => {
        const r = applyEvent(from, ev);
        if (want === null) expect(r.ok).toBe(false);
        else {
          expect(r).toMatchObject({ ok: true, to: want });
          // Every real change an event makes is a legal pair of the table.
          if (r.ok && r.to !== from) expect(canTransition(from, r.to)).toBe(true);
        }
      });
    });
  }
  it('cancel of an in_progress run only marks it', () => {
    expect(applyEvent('in_progress', { type: 'cancel' })).toEqual({ ok: true, to: 'in_progress', markCancel: true });
  });
});
