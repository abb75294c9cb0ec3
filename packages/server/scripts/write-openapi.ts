// Writes docs/openapi.json from the live route schemas (run: npm run openapi). A test checks the
// committed file matches, so the OpenAPI description stays in step with the code.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument } from './openapi-document.ts';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/openapi.json');
writeFileSync(out, JSON.stringify(await buildOpenApiDocument(), null, 2) + '\n');
process.stdout.write(`wrote ${out}\n`);
