import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { ServiceStartFailed, UnknownService } from './errors.ts';
import type { ServiceDefinition } from './service-definition.ts';
import { ensureService, findReadyLine, localCloudStatus, stopLocalCloud } from './supervisor.ts';

const dir = await mkdtemp(join(tmpdir(), 'skylift-supervisor-'));
afterAll(async () => {
  await stopLocalCloud({ dir, services: [] });
  await rm(dir, { recursive: true, force: true });
});

test('the ready line is found among other output; partial and foreign JSON lines are skipped', () => {
  expect(findReadyLine('booting\n{"level":30,"msg":"listening"}\n{"ready":true,"endpoints":{"serverAddr":"127.0.0.1:4040"}}\n')).toEqual({
    serverAddr: '127.0.0.1:4040',
  });
  expect(findReadyLine('{"ready":true,"endpo')).toBeUndefined();
  expect(findReadyLine('{"ready":false,"endpoints":{}}\n')).toBeUndefined();
  expect(findReadyLine('')).toBeUndefined();
});

// A daemon that keeps the contract: HTTP server on port 0, one ready line, clean exit on SIGTERM.
const daemonFile = join(dir, 'echo-daemon.mjs');
await writeFile(
  daemonFile,
  `import { createServer } from 'node:http';
console.log('starting up');
const server = createServer((_req, res) => res.end('echo')).listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ ready: true, endpoints: { url: 'http://127.0.0.1:' + server.address().port } }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`,
);
const echo: ServiceDefinition = {
  name: 'echo',
  launch: async () => ({ command: process.execPath, args: [daemonFile], readiness: { kind: 'ready-line' } }),
};

test('a daemon is started once, answers at its endpoints, and shows in status', async () => {
  const record = await ensureService(echo, { dir });
  const url = record.endpoints.url as string;
  expect(await (await fetch(url)).text()).toBe('echo');
  const started = performance.now();
  expect((await ensureService(echo, { dir })).pid).toBe(record.pid);
  expect(performance.now() - started).toBeLessThan(2_000);
  const status = await localCloudStatus({ dir, services: [echo] });
  expect(status.services).toEqual([{ name: 'echo', running: true, pid: record.pid, endpoints: record.endpoints, startedAt: record.startedAt }]);
  expect((await stopLocalCloud({ dir, services: [echo] })).stopped).toEqual(['echo']);
  await expect(fetch(url)).rejects.toThrow();
  expect((await localCloudStatus({ dir, services: [echo] })).services).toEqual([{ name: 'echo', running: false }]);
});

test('callers that ensure the same service at once get one daemon between them (the file lock)', async () => {
  const records = await Promise.all([ensureService(echo, { dir }), ensureService(echo, { dir }), ensureService(echo, { dir })]);
  expect(new Set(records.map((record) => record.pid)).size).toBe(1);
  expect((await stopLocalCloud({ dir, services: [echo] })).stopped).toEqual(['echo']);
});

test('a daemon that dies before its ready line fails with the tail of its log', async () => {
  const crashing: ServiceDefinition = {
    name: 'crashing',
    launch: async () => ({ command: process.execPath, args: ['-e', "console.error('cannot bind: address in use'); process.exit(3)"], readiness: { kind: 'ready-line' } }),
  };
  const error = await ensureService(crashing, { dir }).catch((caught: unknown) => caught);
  expect(ServiceStartFailed.is(error)).toBe(true);
  expect((error as Error).message).toMatch(/crashing did not start \(it exited: cannot bind: address in use\)/);
});

test('a daemon that never says ready is stopped after the timeout', async () => {
  const silent: ServiceDefinition = {
    name: 'silent',
    launch: async () => ({ command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'], readiness: { kind: 'ready-line' } }),
  };
  const error = await ensureService(silent, { dir, readyTimeoutMs: 500 }).catch((caught: unknown) => caught);
  expect((error as Error).message).toMatch(/not ready after 500 ms/);
  expect((await localCloudStatus({ dir, services: [silent] })).services).toEqual([{ name: 'silent', running: false }]);
});

test('an unknown service name lists the known ones', async () => {
  const error = await ensureService('nope', { dir, services: [echo] }).catch((caught: unknown) => caught);
  expect(UnknownService.is(error)).toBe(true);
  expect((error as Error).message).toContain('known: echo');
});
