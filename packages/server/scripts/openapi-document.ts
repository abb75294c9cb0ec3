// Builds the OpenAPI document from the app's route schemas, with no store behind it.
import { loadConfig } from '../src/config/config.ts';
import { buildApp } from '../src/http/app.ts';
import type { RunStore } from '../src/store/run-store.ts';
import { RunEvents } from '../src/worker/run-events.ts';

export async function buildOpenApiDocument(): Promise<unknown> {
  // The routes are only registered, never called, so no store is needed to describe them.
  const app = buildApp({ config: loadConfig({}), store: {} as RunStore, events: new RunEvents() });
  await app.ready();
  const doc = app.swagger();
  await app.close();
  return doc;
}
