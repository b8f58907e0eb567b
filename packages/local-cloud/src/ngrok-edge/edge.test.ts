import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ngrok from '@ngrok/ngrok';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { LocalCa } from '../ca.ts';
import { httpsRequest, type Reply } from '../testing/https-request.ts';
import { startTestEdge, type TestEdge } from '../testing/test-edge.ts';
import type { NgrokEdge } from './edge.ts';

const AUTHTOKEN = 'edge-test-token';
let testEdge: TestEdge;
let ca: LocalCa;
let edge: NgrokEdge;
let app: Server;
let appUrl: string;

/** The app echoes what reached it, so tests see exactly what the edge and agent delivered. */
beforeAll(async () => {
  testEdge = await startTestEdge(AUTHTOKEN, 'skylift-edge-');
  ({ ca, edge } = testEdge);
  app = createServer((req, res) => {
    const hash = createHash('sha256');
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
    });
    req.on('end', () => {
      if (req.url?.startsWith('/bytes/')) {
        const body = Buffer.alloc(Number(req.url.slice(7)), 'z');
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(body);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, size, sha256: hash.digest('hex') }));
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await testEdge?.close();
  app?.closeAllConnections();
  app?.close();
});

function connect(authtoken = AUTHTOKEN) {
  return new ngrok.SessionBuilder().authtoken(authtoken).serverAddr(edge.serverAddr).caCert(Buffer.from(ca.caPem)).connect();
}

function send(url: string, options: { method?: string; path?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<Reply> {
  return httpsRequest(`${url}${options.path ?? '/'}`, ca.caPem, options);
}

const json = (reply: Reply) => JSON.parse(reply.body.toString()) as { method: string; url: string; headers: IncomingHttpHeaders; size: number; sha256: string };

test('the real SDK binds an endpoint; a request round-trips with X-Forwarded-* added', async () => {
  const session = await connect();
  try {
    const listener = await session.httpEndpoint().requestHeader('x-added', 'by-edge').listenAndForward(appUrl);
    const url = listener.url()!;
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const reply = await send(url, { path: '/items?limit=2', headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(reply.status).toBe(200);
    const seen = json(reply);
    expect(seen.url).toBe('/items?limit=2');
    expect(seen.headers['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
    expect(seen.headers['x-forwarded-proto']).toBe('https');
    expect(seen.headers['x-forwarded-host']).toBe(new URL(url).host);
    expect(seen.headers['x-added']).toBe('by-edge');
  } finally {
    await session.close();
  }
});

test('bodies larger than the 256 KiB window flow both ways, and 20 requests run in parallel', async () => {
  const session = await connect();
  try {
    const url = (await session.httpEndpoint().listenAndForward(appUrl)).url()!;
    const upload = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < upload.length; i += 1) upload[i] = (i * 31) & 0xff;
    const up = json(await send(url, { method: 'POST', path: '/upload', body: upload }));
    expect(up.size).toBe(upload.length);
    expect(up.sha256).toBe(createHash('sha256').update(upload).digest('hex'));
    const down = await send(url, { path: `/bytes/${5 * 1024 * 1024}` });
    expect(down.body.length).toBe(5 * 1024 * 1024);
    expect(down.body.every((byte) => byte === 0x7a)).toBe(true);
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => send(url, { path: `/parallel/${i}` })));
    expect(replies.map((reply) => json(reply).url)).toEqual(Array.from({ length: 20 }, (_, i) => `/parallel/${i}`));
  } finally {
    await session.close();
  }
});

test('a wrong authtoken is refused with ERR_NGROK_107', async () => {
  const error = await connect('not-the-token').then(
    () => undefined,
    (caught: unknown) => caught as Error & { errorCode?: string },
  );
  expect(error?.errorCode).toBe('ERR_NGROK_107');
});

test('basic auth answers 401 with WWW-Authenticate until the right credentials come', async () => {
  const session = await connect();
  try {
    const url = (await session.httpEndpoint().basicAuth('ada', 'lovelace-1843').listenAndForward(appUrl)).url()!;
    const missing = await send(url);
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Basic /);
    const wrong = await send(url, { headers: { authorization: `Basic ${Buffer.from('ada:nope').toString('base64')}` } });
    expect(wrong.status).toBe(401);
    const right = await send(url, { headers: { authorization: `Basic ${Buffer.from('ada:lovelace-1843').toString('base64')}` } });
    expect(right.status).toBe(200);
  } finally {
    await session.close();
  }
});

test('CIDR rules: a denied or not-allowed client gets 403, an allowed one passes', async () => {
  const session = await connect();
  try {
    const denied = (await session.httpEndpoint().denyCidr('127.0.0.0/8').listenAndForward(appUrl)).url()!;
    expect((await send(denied)).status).toBe(403);
    const elsewhere = (await session.httpEndpoint().allowCidr('10.0.0.0/8').listenAndForward(appUrl)).url()!;
    expect((await send(elsewhere)).status).toBe(403);
    const allowed = (await session.httpEndpoint().allowCidr('127.0.0.1/32').listenAndForward(appUrl)).url()!;
    expect((await send(allowed)).status).toBe(200);
  } finally {
    await session.close();
  }
});

test('after the edge drops the session the agent reconnects, keeps its URL and traffic flows', async () => {
  const statuses: string[] = [];
  const session = await new ngrok.SessionBuilder()
    .authtoken(AUTHTOKEN)
    .serverAddr(edge.serverAddr)
    .caCert(Buffer.from(ca.caPem))
    .handleDisconnection((_addr, error) => {
      statuses.push(`disconnected: ${error}`);
      return true;
    })
    .connect();
  try {
    const listener = await session.httpEndpoint().listenAndForward(appUrl);
    const url = listener.url()!;
    expect((await send(url, { path: '/before' })).status).toBe(200);
    edge.dropSessions();
    // The edge holds requests for an endpoint whose agent is reconnecting (grace period).
    const after = await send(url, { path: '/after' });
    expect(after.status).toBe(200);
    expect(json(after).url).toBe('/after');
    expect(statuses.length).toBeGreaterThan(0);
    expect(edge.endpoints().find((endpoint) => endpoint.url === url)?.online).toBe(true);
  } finally {
    await session.close();
  }
});

test('closing a listener unbinds its endpoint and its URL stops answering', async () => {
  const session = await connect();
  try {
    const listener = await session.httpEndpoint().listenAndForward(appUrl);
    const url = listener.url()!;
    await listener.close();
    expect(edge.endpoints().some((endpoint) => endpoint.url === url)).toBe(false);
    await expect(send(url)).rejects.toThrow(/ECONNREFUSED/);
  } finally {
    await session.close();
  }
});
