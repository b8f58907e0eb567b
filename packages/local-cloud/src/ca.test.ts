import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, test } from 'vitest';
import { ensureLocalCa } from './ca.ts';

const dir = await mkdtemp(join(tmpdir(), 'skylift-ca-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

test('a TLS client that trusts only the CA accepts the leaf for 127.0.0.1 and localhost', async () => {
  const ca = await ensureLocalCa(dir);
  const server = createServer(ca.leaf, (_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const get = (host: string) =>
    new Promise<string>((resolve, reject) => {
      request({ host: '127.0.0.1', servername: host === '127.0.0.1' ? undefined : host, port, ca: ca.caPem }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve(body));
      })
        .on('error', reject)
        .end();
    });
  try {
    expect(await get('127.0.0.1')).toBe('ok');
    expect(await get('localhost')).toBe('ok');
  } finally {
    server.close();
  }
});

test('a second call reuses the same CA', async () => {
  const first = await ensureLocalCa(dir);
  const second = await ensureLocalCa(dir);
  expect(second.caPem).toBe(first.caPem);
});

test('processes creating the CA at the same moment all end up with one CA that signs the leaf they serve', async () => {
  const fresh = join(dir, 'race');
  const cas = await Promise.all(Array.from({ length: 6 }, () => ensureLocalCa(fresh)));
  expect(new Set(cas.map((ca) => ca.caPem)).size).toBe(1);
  expect(new Set(cas.map((ca) => ca.leaf.cert)).size).toBe(1);
});
