import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';

// The real binary, as a user runs it (tsx, re-exec with the local CA, yargs, exit codes).
const bin = fileURLToPath(new URL('../../bin/skylift.js', import.meta.url));
const home = await mkdtemp(join(tmpdir(), 'skylift-cli-home-'));
afterAll(() => rm(home, { recursive: true, force: true }));

function skylift(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

// A managed identity endpoint on loopback that has no identity to give (400, as App Service
// answers without one), so DefaultAzureCredential never probes the metadata address off-machine.
const noIdentity = createServer((_request, response) => {
  response.writeHead(400, { 'content-type': 'application/json' });
  response.end('{"error":"invalid_request","error_description":"no managed identity here"}');
});
await new Promise<void>((resolve) => noIdentity.listen(0, '127.0.0.1', resolve));
afterAll(() => new Promise((resolve) => noIdentity.close(resolve)));
const azureOffline = { IDENTITY_ENDPOINT: `http://127.0.0.1:${(noIdentity.address() as AddressInfo).port}/msi/token`, IDENTITY_HEADER: 'doctor-test' };

test('doctor --json is a valid report, finds the ngrok token without printing it, and does not hang on Azure', async () => {
  const started = Date.now();
  const result = await skylift(['doctor', '--json'], {
    HOME: home,
    NGROK_AUTHTOKEN: 'doctor_test_token_value',
    ...azureOffline,
  });
  expect(Date.now() - started).toBeLessThan(15_000);
  const report = JSON.parse(result.stdout) as { checks: Array<{ name: string; status: string; detail: string; fix: string | null }>; ok: boolean };
  expect(report.checks.map((check) => check.name)).toEqual(['Node.js', 'Docker Engine', 'Azure credentials', 'ngrok authtoken', 'Local cloud']);
  for (const check of report.checks) expect(['ok', 'warn', 'fail']).toContain(check.status);
  expect(report.checks[0]?.status).toBe('ok');
  expect(report.checks[2]).toMatchObject({ status: 'warn', detail: expect.stringMatching(/^not found/), fix: expect.stringMatching(/az login/) });
  expect(report.checks[3]).toEqual({ name: 'ngrok authtoken', status: 'ok', detail: 'found in NGROK_AUTHTOKEN', fix: null });
  expect(result.code).toBe(report.ok ? 0 : 1);
  expect(result.stdout + result.stderr).not.toContain('doctor_test_token_value');
}, 30_000);

test('doctor prints its table to stderr and nothing to stdout', async () => {
  const result = await skylift(['doctor'], { HOME: home, ...azureOffline });
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^CHECK +STATUS +DETAIL\n/);
  expect(result.stderr).toMatch(/ngrok authtoken +warn +not found; checked NGROK_AUTHTOKEN \(unset\)/);
}, 30_000);

test('local up is idempotent and local status --json lists the engine and the registry', async () => {
  const up = await skylift(['local', 'up', '--json']);
  expect(up.code).toBe(0);
  const upped = JSON.parse(up.stdout) as { engine: { reachable: boolean }; services: Array<{ name: string; running: boolean }>; nodeBaseImage: string };
  expect(upped.engine.reachable).toBe(true);
  expect(upped.nodeBaseImage).toMatch(/^skylift-local\/node:/);
  const status = await skylift(['local', 'status', '--json']);
  const current = JSON.parse(status.stdout) as { services: Array<{ name: string; running: boolean; endpoints?: { url?: string } }> };
  const registry = current.services.find((service) => service.name === 'registry');
  expect(registry?.running).toBe(true);
  expect((await fetch(`${registry?.endpoints?.url}/v2/`)).status).toBe(200);
}, 60_000);

test('a usage error exits 2 with one line naming the fix', async () => {
  const result = await skylift(['local']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('Name an action: up, down or status.');
});
