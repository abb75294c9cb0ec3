// The committed docs/openapi.json is the one the code generates (regenerate with `npm run openapi`).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { buildOpenApiDocument } from '../scripts/openapi-document.ts';
import { REPO_ROOT } from './support/test-server.ts';

it('docs/openapi.json is in step with the routes', async () => {
  const committed = JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs/openapi.json'), 'utf8'));
  const generated = JSON.parse(JSON.stringify(await buildOpenApiDocument()));
  expect(committed).toEqual(generated);
  for (const r of ['parses', 'extractions', 'classifications', 'splits', 'partitions', 'edits']) {
    expect(Object.keys(generated.paths)).toContain(`/v1/${r}/{id}/cancel`);
  }
});
