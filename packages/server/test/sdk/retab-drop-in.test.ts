// The Retab drop-in, written the way @retab/node (≤1.0.156) users write it: positional create with
// background, poll get every 2 s while not terminal, print output or error, cancel by Retab's name.
import path from 'node:path';
import { Retab } from '@docket/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, startTestServer, type TestServer } from '../support/test-server.ts';

const INVOICE = path.join(CORPUS, 'invoices/pdf/i2d_oyo.pdf');
const TERMINAL = ['completed', 'failed', 'cancelled'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ concurrency: 2 });
});
afterAll(async () => srv?.close());

describe('Retab drop-in', () => {
  it('background extraction polled every 2 s, then create_extraction_cancel returns it unchanged', async () => {
    const apiKey = srv.apiKey;
    const baseUrl = srv.baseURL;

    const client = new Retab({ apiKey, baseUrl });
    const schema = {
      type: 'object',
      properties: {
        invoice_number: { type: 'string', description: 'The invoice number' },
        total: { type: 'number', description: 'Total amount' },
      },
    };
    const run = await client.extractions.create(
      INVOICE, schema, 'retab-small', undefined, undefined, undefined, undefined, undefined, undefined, false, true,
    );
    expect(run.id).toMatch(/^extr_/);
    expect(['pending', 'queued', 'in_progress']).toContain(run.status);

    let result = await client.extractions.get(run.id);
    while (!TERMINAL.includes(result.status)) {
      await sleep(2000); // the documented Retab polling interval
      result = await client.extractions.get(run.id);
    }
    if (result.status === 'completed') console.log(result.output);
    else console.log(result.error);
    expect(result.status).toBe('completed');
    expect(result.output).toHaveProperty('invoice_number');
    expect(result.jsonSchema).toEqual(schema); // camelCase alias of json_schema
    expect(result.createdAt).toBeInstanceOf(Date);

    const cancelled = await client.extractions.create_extraction_cancel(run.id);
    expect(cancelled).toEqual(result);
  });

  it('parse with the ≤1.0.156 positional order, sync; then get, list and delete', async () => {
    const client = new Retab({ apiKey: srv.apiKey, baseURL: srv.baseURL });
    const parse = await client.parses.create(INVOICE, 'retab-small', 'markdown', 192);
    expect(parse.status).toBe('completed');
    expect(parse.tableParsingFormat).toBe('markdown');
    expect(parse.output?.text).toContain('IBZY2087');
    const got = await client.parses.get(parse.id, { includeOutput: false });
    expect(got).not.toHaveProperty('output');
    const page = await client.parses.list({ limit: 5, filename: 'i2d_oyo' });
    expect(page.data.map((p) => p.id)).toContain(parse.id);
    expect(page.listMetadata).toEqual(page.list_metadata);
    expect(typeof page.hasMore()).toBe('boolean');
    await client.parses.delete(parse.id);
    await expect(client.parses.get(parse.id)).rejects.toMatchObject({ status: 404 });
  });

  it('classification, split, partition and edit runs end (an edit of a form-less invoice fails no_form_fields) and cancel by Retab names', async () => {
    const client = new Retab({ apiKey: srv.apiKey, baseUrl: srv.baseURL });
    const runs = [
      [client.classifications, await client.classifications.create(INVOICE, [{ name: 'invoice' }, { name: 'receipt' }], undefined, undefined, undefined, undefined, undefined, true), 'create_classification_cancel'],
      [client.splits, await client.splits.create(INVOICE, [{ name: 'invoice' }], undefined, undefined, undefined, undefined, true), 'create_split_cancel'],
      [client.partitions, await client.partitions.create(INVOICE, 'invoice number', 'One chunk per invoice', undefined, undefined, undefined, undefined, true), 'create_partition_cancel'],
      [client.edits, await client.edits.create('Name: Jane Roe', INVOICE, undefined, undefined, undefined, undefined, true), 'create_edit_cancel'],
    ] as const;
    for (const [resource, created, cancelName] of runs) {
      let r = await resource.get(created.id);
      while (!TERMINAL.includes(r.status)) {
        await sleep(200);
        r = await resource.get(created.id);
      }
      if (r.status === 'failed') expect(r.error?.code).toBe(resource === client.edits ? 'no_form_fields' : 'not_implemented');
      else expect(r.status).toBe('completed');
      const cancel = (resource as unknown as Record<string, (id: string) => Promise<unknown>>)[cancelName].bind(resource);
      expect(await cancel(created.id)).toEqual(r);
    }
  });

  it('stream=true in create returns the final extraction; create_stream yields chunks', async () => {
    const client = new Retab({ apiKey: srv.apiKey, baseUrl: srv.baseURL });
    const schema = { type: 'object', properties: { total: { type: 'number' } } };
    const u = undefined;
    const final = await client.extractions.create(INVOICE, schema, u, u, u, u, u, u, u, true);
    expect(final.status).toBe('completed');
    expect(final.nConsensus).toBe(1);
    const stream = client.extractions.create_stream(INVOICE, schema);
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      expect(chunk.id).toMatch(/^extr_/);
    }
    expect(chunks).toBeGreaterThanOrEqual(1);
    expect((await stream.finalResource()).status).toBe('completed');
  });

  it('a single options object works too', async () => {
    const client = new Retab({ apiKey: srv.apiKey, baseUrl: srv.baseURL });
    const run = await client.extractions.create({ document: INVOICE, jsonSchema: { type: 'object', properties: { total: { type: 'number' } } }, background: true });
    const cancelled = await client.extractions.create_extraction_cancel(run.id);
    expect(TERMINAL).toContain(cancelled.status);
  });
});
