import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, expect, test } from 'vitest';
import { ensureRegistry } from './registry.ts';
import { registryConfig } from './registry-service.ts';
import { readState } from './state.ts';
import { stopLocalCloud } from './supervisor.ts';

test('the config serves plain HTTP on loopback only, stores under the given directory, allows deletes', () => {
  const config = parse(registryConfig({ rootDirectory: '/state/registry/storage', port: 5123 })) as Record<string, Record<string, unknown>>;
  expect(config.http).toEqual({ addr: '127.0.0.1:5123' });
  expect(config.storage).toEqual({ filesystem: { rootdirectory: '/state/registry/storage' }, delete: { enabled: true } });
});

test('the machine registry answers the distribution API and a second ensure is instant', async () => {
  const registry = await ensureRegistry();
  const response = await fetch(`${registry.url}/v2/`);
  expect(response.status).toBe(200);
  expect(response.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
  const started = performance.now();
  expect(await ensureRegistry()).toEqual(registry);
  expect(performance.now() - started).toBeLessThan(2_000);
});

// A private local cloud (own directory, own registry process) so killing it disturbs nobody.
const dir = await mkdtemp(join(tmpdir(), 'skylift-registry-'));
afterAll(async () => {
  await stopLocalCloud({ dir });
  await rm(dir, { recursive: true, force: true });
});

test('a registry that died is restarted on the port it had', async () => {
  const first = await ensureRegistry({ dir });
  const { pid } = (await readState(dir)).services.registry ?? { pid: 0 };
  process.kill(pid, 'SIGKILL');
  await expect.poll(() => fetch(`${first.url}/v2/`).then(() => 'up', () => 'down'), { timeout: 5_000 }).toBe('down');
  const second = await ensureRegistry({ dir });
  expect(second).toEqual(first);
  expect((await readState(dir)).services.registry?.pid).not.toBe(pid);
  expect((await fetch(`${second.url}/v2/`)).status).toBe(200);
});
