// Tests for data URI decoding and safe URL downloads against real local HTTP servers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockedReason } from './ip-policy.ts';
import { DocumentInputError, fetchDocument, parseDataUri } from './mime-data.ts';

describe('parseDataUri', () => {
  it('decodes base64 with a media type, tolerating whitespace', () => {
    const r = parseDataUri('data:application/pdf;base64,JVBE\n Ri0x');
    expect(r.mimeType).toBe('application/pdf');
    expect(Buffer.from(r.bytes).toString('latin1')).toBe('%PDF-1');
  });
  it('decodes percent-encoded text without ;base64', () => {
    const r = parseDataUri('data:text/plain,hello%20world');
    expect(Buffer.from(r.bytes).toString()).toBe('hello world');
    expect(parseDataUri('data:,a').mimeType).toBe('text/plain');
  });
  it.each([
    ['not a data uri', 'https://x'],
    ['no comma', 'data:text/plain;base64'],
    ['bad alphabet', 'data:application/pdf;base64,JVBE*Ri0x'],
    ['url-safe alphabet', 'data:application/pdf;base64,ab-_'],
    ['bad padding', 'data:application/pdf;base64,JVB=Ri0x'],
    ['impossible length', 'data:application/pdf;base64,JVBER'],
    ['empty', 'data:application/pdf;base64,'],
    ['bad percent', 'data:text/plain,%E0%A4%A'],
    ['bad media type', 'data:not a type;base64,JVBE'],
  ])('rejects %s', (_name, url) => {
    expect(() => parseDataUri(url)).toThrowError(DocumentInputError);
    try {
      parseDataUri(url);
    } catch (e) {
      expect((e as DocumentInputError).code).toBe('invalid_data_uri');
    }
  });
  it('enforces maxBytes', () => {
    const big = 'data:application/octet-stream;base64,' + Buffer.alloc(3000, 1).toString('base64');
    expect(() => parseDataUri(big, { maxBytes: 1000 })).toThrowError(expect.objectContaining({ code: 'document_too_large' }));
    expect(parseDataUri(big, { maxBytes: 3000 }).bytes.length).toBe(3000);
  });
});

describe('blockedReason', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fc00::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:7f00:1', '64:ff9b::a00:1'])(
    'refuses %s',
    (ip) => expect(blockedReason(ip)).not.toBeNull(),
  );
  it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])('allows %s', (ip) => expect(blockedReason(ip)).toBeNull());
  it('names metadata addresses', () => {
    expect(blockedReason('169.254.169.254')).toMatch(/metadata/);
    expect(blockedReason('fd00:ec2::254')).toMatch(/metadata/);
  });
});

describe('fetchDocument', () => {
  let server: http.Server;
  let base = '';
  const limits = { maxBytes: 10_000, timeoutMs: 5_000 };
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      if (u.pathname === '/doc.pdf') {
        res.writeHead(200, { 'content-type': 'application/pdf; qs=1' });
        res.end('%PDF-1.4 tiny');
      } else if (u.pathname === '/named') {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-disposition': 'attachment; filename="report.txt"' });
        res.end('hello');
      } else if (u.pathname === '/redirect') {
        res.writeHead(302, { location: '/doc.pdf' });
        res.end();
      } else if (u.pathname === '/loop') {
        res.writeHead(302, { location: '/loop' });
        res.end();
      } else if (u.pathname === '/to-loopback') {
        res.writeHead(301, { location: `http://localhost:${(server.address() as AddressInfo).port}/doc.pdf` });
        res.end();
      } else if (u.pathname === '/big') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' }); // chunked, no length
        for (let i = 0; i < 20; i++) res.write(Buffer.alloc(1000, 65));
        res.end();
      } else if (u.pathname === '/big-declared') {
        res.writeHead(200, { 'content-length': '50000' });
        res.end(Buffer.alloc(50_000));
      } else if (u.pathname === '/slow') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('start');
        // never ends: the client's timeout must stop it
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('refuses loopback by default', async () => {
    await expect(fetchDocument(`${base}/doc.pdf`, limits)).rejects.toMatchObject({ code: 'url_not_allowed' });
    await expect(fetchDocument(`http://localhost:1/doc.pdf`, limits)).rejects.toMatchObject({ code: 'url_not_allowed' });
  });
  it('refuses non-http schemes', async () => {
    await expect(fetchDocument('file:///etc/passwd', limits)).rejects.toMatchObject({ code: 'url_not_allowed' });
    await expect(fetchDocument('ftp://example.com/x', limits)).rejects.toMatchObject({ code: 'url_not_allowed' });
  });
  it('downloads with allowPrivateNetworks, with mime type and filename', async () => {
    const got = await fetchDocument(`${base}/doc.pdf`, { ...limits, allowPrivateNetworks: true });
    expect(Buffer.from(got.bytes).toString()).toBe('%PDF-1.4 tiny');
    expect(got.mimeType).toBe('application/pdf');
    expect(got.filename).toBe('doc.pdf');
    const named = await fetchDocument(`${base}/named`, { ...limits, allowPrivateNetworks: true });
    expect(named.filename).toBe('report.txt');
  });
  it('follows redirects, but not forever', async () => {
    const got = await fetchDocument(`${base}/redirect`, { ...limits, allowPrivateNetworks: true });
    expect(got.filename).toBe('doc.pdf');
    await expect(fetchDocument(`${base}/loop`, { ...limits, allowPrivateNetworks: true })).rejects.toMatchObject({ code: 'fetch_failed', message: expect.stringMatching(/redirect/i) });
  });
  it('re-checks every redirect hop', async () => {
    // The first hop's host is explicitly allowed; its redirect to another loopback name is not.
    const opts = { ...limits, allowedHosts: ['127.0.0.1'] };
    const direct = await fetchDocument(`${base}/doc.pdf`, opts);
    expect(direct.bytes.length).toBeGreaterThan(0);
    await expect(fetchDocument(`${base}/to-loopback`, opts)).rejects.toMatchObject({ code: 'url_not_allowed', message: expect.stringMatching(/localhost/) });
  });
  it('stops at maxBytes, declared or streamed', async () => {
    const opts = { ...limits, allowPrivateNetworks: true };
    await expect(fetchDocument(`${base}/big`, opts)).rejects.toMatchObject({ code: 'document_too_large' });
    await expect(fetchDocument(`${base}/big-declared`, opts)).rejects.toMatchObject({ code: 'document_too_large' });
  });
  it('times out', async () => {
    await expect(fetchDocument(`${base}/slow`, { maxBytes: 1000, timeoutMs: 300, allowPrivateNetworks: true })).rejects.toMatchObject({
      code: 'fetch_failed',
      message: expect.stringMatching(/timed out/),
    });
  });
  it('reports HTTP errors', async () => {
    await expect(fetchDocument(`${base}/missing`, { ...limits, allowPrivateNetworks: true })).rejects.toMatchObject({ code: 'fetch_failed', message: expect.stringMatching(/404/) });
  });
  it('decodes data URIs too', async () => {
    const got = await fetchDocument('data:text/plain;base64,aGk=', limits);
    expect(Buffer.from(got.bytes).toString()).toBe('hi');
  });
});
