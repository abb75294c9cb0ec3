// `docket classify|split|partition|edit|templates|models` as child processes against a real test server:
// outputs are checked against the corpus (split covers every page once, edit --out writes a PDF that opens
// with the filled value), plus the usage errors of the new flags.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, REPO_ROOT, startTestServer, type TestServer } from './support/test-server.ts';

const MAIN = path.join(REPO_ROOT, 'packages/server/src/cli/main.ts');
const INVOICE = path.join(CORPUS, 'invoices/pdf/zf_103767-Invoice-2026-03-24-1.pdf');
const DOC123 = path.join(CORPUS, 'multidoc/concat_pdfjs_doc123.pdf');
const PACKET = path.join(CORPUS, 'multidoc/concat_mixed_7docs.pdf');
const FORM = path.join(CORPUS, 'forms/pdflib_sample_form.pdf');
const LIBRE_FORM = path.join(CORPUS, 'forms/samplefiles_libreoffice-form.pdf');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

let srv: TestServer;
let env: Record<string, string>;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'docket-cli-prim-'));

function docket(args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  srv = await startTestServer({ concurrency: 2 });
  env = { DOCKET_API_KEY: srv.apiKey, DOCKET_BASE_URL: srv.baseURL };
});
afterAll(async () => {
  await srv?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const sortedPages = (chunks: { pages: number[] }[]) => chunks.flatMap((c) => c.pages).sort((a, b) => a - b);
const NINE = [1, 2, 3, 4, 5, 6, 7, 8, 9];

describe('docket classify', () => {
  it("--categories 'invoice,receipt,other' prints {reasoning, category}", async () => {
    const r = await docket(['classify', INVOICE, '--categories', 'invoice,receipt,other']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.category).toBe('invoice');
    expect(out.reasoning.length).toBeGreaterThan(0);
  });

  it('--categories-file with descriptions, --first-n-pages, --consensus 2 --json --background --wait', async () => {
    const file = path.join(tmp, 'categories.json');
    writeFileSync(file, JSON.stringify({ invoice: 'A bill asking for payment', receipt: 'Proof of a payment already made' }));
    const r = await docket(['classify', INVOICE, '--categories-file', file, '--first-n-pages', '1', '--consensus', '2', '--json', '--background', '--wait', '--poll-interval', '50']);
    expect(r.code, r.stderr).toBe(0);
    const run = JSON.parse(r.stdout);
    expect(run).toMatchObject({ object: 'classification', status: 'completed', first_n_pages: 1, n_consensus: 2 });
    expect(run.categories).toEqual([{ name: 'invoice', description: 'A bill asking for payment' }, { name: 'receipt', description: 'Proof of a payment already made' }]);
    expect(run.output.category).toBe('invoice');
    expect(run.consensus.choices).toHaveLength(2);
    expect(r.stderr).toMatch(/^clss_\w+: /m);
  });

  it('needs exactly one of --categories / --categories-file', async () => {
    const none = await docket(['classify', INVOICE]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^docket: pass exactly one of --categories/);
  });
});

describe('docket split', () => {
  it('--subdocuments document --multiple splits doc123 into 3×3 pages, every page once', async () => {
    const r = await docket(['split', DOC123, '--subdocuments', 'document', '--multiple', '--background', '--wait', '--poll-interval', '50']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { name: string; pages: number[] }[];
    expect(sortedPages(out)).toEqual(NINE);
    expect(out.map((s) => s.pages)).toEqual([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
  });

  it('--subdocuments-file on the mixed packet: every page exactly once, names from the file', async () => {
    const file = path.join(tmp, 'subdocuments.json');
    const kinds = [
      { name: 'invoice', description: 'An invoice asking for payment', allow_multiple_instances: true },
      { name: 'receipt', description: 'A receipt for a payment made', allow_multiple_instances: true },
      { name: 'other', description: 'Anything else', allow_multiple_instances: true },
    ];
    writeFileSync(file, JSON.stringify(kinds));
    const r = await docket(['split', PACKET, '--subdocuments-file', file]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { name: string; pages: number[] }[];
    expect(sortedPages(out)).toEqual(NINE);
    for (const s of out) expect(['invoice', 'receipt', 'other']).toContain(s.name);
  });

  it('--consensus above 8 is refused before anything is sent', async () => {
    const r = await docket(['split', DOC123, '--subdocuments', 'a', '--consensus', '9']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("docket: --consensus must be an integer from 1 to 8, got '9'\n");
  });
});

describe('docket partition', () => {
  it('--key "invoice number" --no-overlap: every page in one chunk, the hosting invoice under its number', async () => {
    const r = await docket(['partition', PACKET, '--key', 'invoice number', '--instructions', 'One chunk per invoice', '--no-overlap', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const run = JSON.parse(r.stdout);
    expect(run).toMatchObject({ object: 'partition', status: 'completed', key: 'invoice number', allow_overlap: false });
    expect(sortedPages(run.output)).toEqual(NINE);
    const hosting = run.output.find((c: { pages: number[] }) => c.pages.includes(3));
    expect(hosting.pages).toEqual(expect.arrayContaining([3, 4]));
    expect(hosting.key).toContain('30064443');
  });
});

describe('docket edit / templates', () => {
  it('edit FILE --instructions --color --out writes a PDF that opens with the filled values', async () => {
    const out = path.join(tmp, 'filled.pdf');
    const r = await docket(['edit', FORM, '--instructions', 'Name: Jane Roe\nCity: Paris', '--color', '#003366', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`wrote ${out}`);
    const fields = JSON.parse(r.stdout) as { key: string; value: string | null }[];
    expect(fields.find((f) => f.key === 'City')?.value).toBe('Paris');
    const form = (await PDFDocument.load(readFileSync(out))).getForm();
    expect(form.getTextField('City').getText()).toBe('Paris');
    expect(form.getTextField('Name_Last').getText()).toBe('Roe');
  });

  it('edit --out with --background but no --wait is refused; so is a FILE with --template', async () => {
    const out = path.join(tmp, 'never.pdf');
    const bg = await docket(['edit', FORM, '--instructions', 'x', '--background', '--out', out]);
    expect(bg.code).toBe(1);
    expect(bg.stderr).toBe('docket: --out needs the finished run: add --wait to --background\n');
    expect(existsSync(out)).toBe(false);
    const both = await docket(['edit', FORM, '--template', 'edittplt_x', '--instructions', 'x']);
    expect(both.code).toBe(1);
    expect(both.stderr).toBe('docket: pass exactly one of FILE or --template ID\n');
  });

  it('templates create/list/get, edit --template --out, templates delete', async () => {
    const created = await docket(['templates', 'create', 'cli form', LIBRE_FORM, '--json']);
    expect(created.code, created.stderr).toBe(0);
    const t = JSON.parse(created.stdout);
    expect(t).toMatchObject({ object: 'edit_template', name: 'cli form', field_count: 8 });

    const list = await docket(['templates', 'list', '--name', 'cli form']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toBe(`${t.id}\t8 fields\tcli form\n`);
    const got = await docket(['templates', 'get', t.id]);
    expect(JSON.parse(got.stdout)).toEqual(t);

    const out = path.join(tmp, 'from-template.pdf');
    const edit = await docket(['edit', '--template', t.id, '--instructions', 'First name: Ada', '--out', out, '--background', '--wait', '--poll-interval', '50']);
    expect(edit.code, edit.stderr).toBe(0);
    expect((await PDFDocument.load(readFileSync(out))).getForm().getTextField('First Name').getText()).toBe('Ada');

    const del = await docket(['templates', 'delete', t.id]);
    expect(del.code, del.stderr).toBe(0);
    const gone = await docket(['templates', 'get', t.id]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^docket: 404: /);
  });
});

describe('docket models', () => {
  it('lists the models, the default marked; --json is the /v1/models answer', async () => {
    const r = await docket(['models']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.some((l) => /^retab-small\t/.test(l))).toBe(true);
    expect(lines.filter((l) => /\bdefault$/.test(l))).toHaveLength(1);
    const json = JSON.parse((await docket(['models', '--json'])).stdout);
    expect(json.object).toBe('list');
    expect(json.data.map((m: { id: string }) => m.id)).toEqual(lines.map((l) => l.split('\t')[0]));
  });
});
