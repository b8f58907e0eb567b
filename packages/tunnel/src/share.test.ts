import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { REDACTED, readLedger, type CapturedExchange } from '@skylift/core';
import type { LocalCa, NgrokEdge } from '@skylift/local-cloud';
import { httpsRequest, startTestEdge, type TestEdge } from '@skylift/local-cloud/testing';
import { buildApp } from '@skylift/sample-api';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { AppNotListening, NgrokAuthtokenRejected } from './errors.ts';
import type { TunnelConnection } from './open-tunnel.ts';
import { startShare, type ShareOptions } from './share.ts';

const AUTHTOKEN = 'share-test-token';
let testEdge: TestEdge;
let dir: string;
let ca: LocalCa;
let edge: NgrokEdge;
let sampleApi: FastifyInstance;
let sampleApiUrl: URL;
let connection: TunnelConnection;

beforeAll(async () => {
  testEdge = await startTestEdge(AUTHTOKEN, 'skylift-share-');
  ({ dir, ca, edge } = testEdge);
  connection = { authtoken: AUTHTOKEN, authtokenSource: 'the test', serverAddr: edge.serverAddr, caPem: ca.caPem };
  sampleApi = buildApp();
  await sampleApi.listen({ port: 0, host: '127.0.0.1' });
  sampleApiUrl = new URL(`http://127.0.0.1:${(sampleApi.server.address() as AddressInfo).port}`);
});

afterAll(async () => {
  await testEdge?.close();
  await sampleApi?.close();
});

async function share(options: Partial<ShareOptions> & { projectDir: string }, lines: string[] = []) {
  return startShare({ app: sampleApiUrl, target: 'local', connection, ...options }, { log: (line) => lines.push(line) });
}

async function projectDir(): Promise<string> {
  return mkdtemp(join(dir, 'project-'));
}

test('share: URL, round trip to the sample API, request log, ledger entry, and a redacted capture flushed on stop', async () => {
  const project = await projectDir();
  const lines: string[] = [];
  const running = await share({ projectDir: project, redactHeaders: ['x-api-key'] }, lines);
  expect(running.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  const ledger = (await readLedger(project)).share as Record<string, unknown>;
  expect(ledger).toMatchObject({ url: running.url, pid: process.pid, capturePath: running.capturePath, target: 'local', app: sampleApiUrl.origin });
  expect(JSON.stringify(ledger)).not.toContain(AUTHTOKEN);

  const reply = await httpsRequest(`${running.url}/api/echo?q=1`, ca.caPem, {
    headers: { authorization: 'Bearer secret-token', cookie: 'sid=secret', 'x-api-key': 'key-secret' },
  });
  expect(reply.status).toBe(200);
  const echoed = JSON.parse(reply.body.toString()) as { path: string; headers: Record<string, string> };
  expect(echoed.path).toBe('/api/echo');
  expect(echoed.headers['x-forwarded-proto']).toBe('https');
  expect(echoed.headers.authorization).toBe('Bearer secret-token'); // the app still gets it; only the capture hides it
  await running.stop();

  expect(lines.some((line) => /^\d\d:\d\d:\d\d GET \/api\/echo\?q=1 200 [\d.]+m?s \d+(\.\d)?k?B$/.test(line))).toBe(true);
  expect((await readLedger(project)).share).toBeUndefined();
  const captured = (await readFile(running.capturePath!, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as CapturedExchange);
  expect(captured).toHaveLength(1);
  const [exchange] = captured;
  expect(exchange!.request).toMatchObject({ method: 'GET', path: '/api/echo?q=1' });
  expect(exchange!.request.headers).toMatchObject({ authorization: REDACTED, cookie: REDACTED, 'x-api-key': REDACTED });
  expect(exchange!.response.status).toBe(200);
  expect(exchange!.response.bodyEncoding).toBe('utf8');
  expect(JSON.parse(exchange!.response.body)).toMatchObject({ path: '/api/echo' });
  const file = await readFile(running.capturePath!, 'utf8');
  // The sample API echoes request headers in its body: the capture scrubs them there too.
  for (const secret of ['secret-token', 'sid=secret', 'key-secret']) expect(file).not.toContain(secret);
});

test('share: Set-Cookie is redacted too, and bodies over the 256 KiB window flow both ways', async () => {
  const echo: Server = createServer((req, res) => {
    const hash = createHash('sha256');
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
    });
    req.on('end', () => {
      res.setHeader('set-cookie', 'session=very-secret; HttpOnly');
      if (req.method === 'GET') {
        res.setHeader('content-type', 'application/octet-stream');
        res.end(Buffer.alloc(3 * 1024 * 1024, 0x61));
      } else {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ size, sha256: hash.digest('hex') }));
      }
    });
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const project = await projectDir();
  const running = await share({ projectDir: project, app: new URL(`http://127.0.0.1:${(echo.address() as AddressInfo).port}`), bodyCap: 1024 });
  try {
    const upload = Buffer.alloc(2 * 1024 * 1024 + 3);
    for (let i = 0; i < upload.length; i += 1) upload[i] = (i * 7) & 0xff;
    const up = await httpsRequest(`${running.url}/upload`, ca.caPem, { method: 'POST', body: upload, headers: { 'content-type': 'application/octet-stream' } });
    expect(JSON.parse(up.body.toString())).toEqual({ size: upload.length, sha256: createHash('sha256').update(upload).digest('hex') });
    const down = await httpsRequest(`${running.url}/download`, ca.caPem);
    expect(down.body.length).toBe(3 * 1024 * 1024);
  } finally {
    await running.stop();
    echo.close();
  }
  const [upload, download] = (await readFile(running.capturePath!, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as CapturedExchange);
  expect(upload!.request).toMatchObject({ bodyBytes: 2 * 1024 * 1024 + 3, bodyTruncated: true, bodyEncoding: 'base64' });
  expect(Buffer.from(upload!.request.body, 'base64').length).toBe(1024);
  expect(download!.response).toMatchObject({ bodyBytes: 3 * 1024 * 1024, bodyTruncated: true });
  expect(download!.response.headers['set-cookie']).toEqual([REDACTED]);
});

test('share: 20 parallel requests all come back right', async () => {
  const running = await share({ projectDir: await projectDir(), capture: false });
  try {
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => httpsRequest(`${running.url}/api/echo?n=${i}`, ca.caPem)));
    expect(replies.map((reply) => reply.status)).toEqual(Array(20).fill(200));
    expect(replies.map((reply) => (JSON.parse(reply.body.toString()) as { query: { n: string } }).query.n)).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    expect(running.capturePath).toBeUndefined();
  } finally {
    await running.stop();
  }
});

test('share: a wrong authtoken is a clear error naming its source, never the token', async () => {
  const error = await share({ projectDir: await projectDir(), connection: { ...connection, authtoken: 'wrong-token-value', authtokenSource: 'NGROK_AUTHTOKEN' } }).then(
    () => undefined,
    (caught: unknown) => caught as Error,
  );
  expect(NgrokAuthtokenRejected.is(error)).toBe(true);
  expect(error!.message).toContain('NGROK_AUTHTOKEN');
  expect(error!.message).not.toContain('wrong-token-value');
});

test('share: when the edge drops the session the tunnel reports reconnecting then online, keeps its URL, and traffic flows', async () => {
  const lines: string[] = [];
  const running = await share({ projectDir: await projectDir(), capture: false }, lines);
  const statuses: string[] = [];
  running.tunnel.on('status', (status) => statuses.push(status));
  try {
    expect((await httpsRequest(`${running.url}/health`, ca.caPem)).status).toBe(200);
    edge.dropSessions();
    await expect.poll(() => statuses, { timeout: 15_000 }).toEqual(['reconnecting', 'online']);
    expect(running.tunnel.url).toBe(running.url);
    const after = await httpsRequest(`${running.url}/api/items`, ca.caPem);
    expect(after.status).toBe(200);
    expect(lines).toContain('tunnel online again');
  } finally {
    await running.stop();
  }
});

test('share: basic auth and CIDR rules are enforced at the edge', async () => {
  const guarded = await share({ projectDir: await projectDir(), capture: false, access: { basicAuth: { username: 'ada', password: 'lovelace-1843' } } });
  try {
    const refused = await httpsRequest(`${guarded.url}/health`, ca.caPem);
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toContain('Basic');
    const admitted = await httpsRequest(`${guarded.url}/health`, ca.caPem, { headers: { authorization: `Basic ${Buffer.from('ada:lovelace-1843').toString('base64')}` } });
    expect(admitted.status).toBe(200);
  } finally {
    await guarded.stop();
  }
  const fenced = await share({ projectDir: await projectDir(), capture: false, access: { allowCidrs: ['192.0.2.0/24'] } });
  try {
    expect((await httpsRequest(`${fenced.url}/health`, ca.caPem)).status).toBe(403);
  } finally {
    await fenced.stop();
  }
});

test('share: nothing listening is an error before any tunnel opens', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const before = edge.endpoints().length;
  const error = await share({ projectDir: await projectDir(), app: new URL(`http://127.0.0.1:${port}`) }).then(
    () => undefined,
    (caught: unknown) => caught as Error,
  );
  expect(AppNotListening.is(error)).toBe(true);
  expect(error!.message).toContain(`127.0.0.1:${port}`);
  expect(error!.message).toContain('--start');
  expect(edge.endpoints().length).toBe(before);
});

test('share --start: runs the app, waits for its port, streams its output, and stops it on stop', async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  const output: string[] = [];
  const script = `setTimeout(() => require('http').createServer((q, s) => s.end('started app')).listen(${port}, '127.0.0.1', () => console.log('app up')), 300)`;
  const running = await startShare(
    { projectDir: await projectDir(), app: new URL(`http://127.0.0.1:${port}`), start: `"${process.execPath}" -e "${script}"`, target: 'local', connection, capture: false },
    { log: () => undefined, appOutput: (line) => output.push(line) },
  );
  const pid = running.app!.pid;
  expect((await httpsRequest(`${running.url}/`, ca.caPem)).body.toString()).toBe('started app');
  expect(output).toContain('app up');
  await running.stop();
  expect(() => process.kill(-pid, 0)).toThrow();
});
