// The RunStore conformance suite. Every driver runs it unchanged:
//   runStoreContract('sqlite', async () => ({ store, cleanup }))
// `open` must return a fresh, empty store for each test; `cleanup` closes it and removes its data.
// Changing the store seam (run-store.ts) means extending this suite.
import { afterEach, beforeEach, describe } from 'vitest';
import type { RunStore } from './run-store.ts';
import type { ContractEnv } from './contract/helpers.ts';
import { runsBasicContract } from './contract/runs-basic.contract.ts';
import { listContract } from './contract/list.contract.ts';
import { lifecycleContract } from './contract/lifecycle.contract.ts';
import { recoveryContract } from './contract/recovery.contract.ts';
import { stateMachineContract } from './contract/state-machine.contract.ts';
import { keysBlobsContract } from './contract/keys-blobs.contract.ts';
import { templatesIdempotencyContract } from './contract/templates-idempotency.contract.ts';

export type OpenContractStore = () => Promise<{ store: RunStore; cleanup: () => Promise<void> }>;

export function runStoreContract(name: string, open: OpenContractStore): void {
  describe(`RunStore contract: ${name}`, () => {
    let current: { store: RunStore; cleanup: () => Promise<void> } | null = null;
    const env: ContractEnv = {
      get store(): RunStore {
        if (!current) throw new Error('store used outside a test');
        return current.store;
      },
    };
    beforeEach(async () => {
      current = await open();
    });
    afterEach(async () => {
      const c = current;
      current = null;
      await c?.cleanup();
    });

    runsBasicContract(env);
    listContract(env);
    lifecycleContract(env);
    recoveryContract(env);
    stateMachineContract(env);
    keysBlobsContract(env);
    templatesIdempotencyContract(env);
  });
}
