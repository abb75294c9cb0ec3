// The server side of the HTTP benchmarks, in its own process: Docket (SQLite in a temp dir, N
// workers, real engines) and a bare Fastify route with the same body limit that answers 201 with
// a JSON body the size of a Docket create answer. Prints {docketUrl, bareUrl, apiKey, body}.
// Args: workers. Stops on SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { loadConfig } from '../src/config/config.ts';
import { startDocket } from '../src/server.ts';

const workers = Number(process.argv[2] ?? 0);
const apiKey = 'dk_bench_key_0123456789abcdef';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'docket-bench-http-'));
const config = loadConfig({}, { dataDir, host: '127.0.0.1', port: 0, workerConcurrency: workers, bootstrapKey: apiKey, logLevel: 'warn' });
const docket = await startDocket(config, { logger: false });

/** A small text document as a data URI, and the create body the benchmark posts. */
const doc = Buffer.from('ACME Ltd\nInvoice No: INV-1\nTotal: EUR 10.00\n').toString('base64');
const body = JSON.stringify({ document: { filename: 'bench.txt', url: `data:text/plain;base64,${doc}` }, background: true });

// The bare route answers with a body like Docket's (one real create answer, reused).
const sample = await docket.app.inject({ method: 'POST', url: '/v1/parses', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, payload: body });
if (sample.statusCode !== 201) throw new Error(`sample create answered ${sample.statusCode}: ${sample.body}`);
const answer = sample.body;
const bare = Fastify({ logger: false, bodyLimit: config.bodyLimitBytes });
bare.post('/bare', async (_req, reply) => reply.code(201).header('content-type', 'application/json; charset=utf-8').send(answer));
const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

process.stdout.write(JSON.stringify({ docketUrl: docket.url, bareUrl: `${bareUrl}/bare`, apiKey, body, sampleId: JSON.parse(answer).id }) + '\n');

process.on('SIGTERM', async () => {
  await bare.close();
  await docket.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
});
