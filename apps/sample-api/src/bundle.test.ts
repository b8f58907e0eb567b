import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleServer } from '../scripts/bundle.ts';
import { seedItems } from './items.ts';
import { startServerProcess } from './server-process.ts';
import type { ServerProcess } from './server-process.ts';

// The bundle is built into and run from an empty temp dir: no node_modules, no data/ beside it,
// as in the container's final stage.
let dir: string;
let server: ServerProcess;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sample-api-bundle-'));
  await bundleServer(join(dir, 'server.mjs'));
  server = await startServerProcess(['server.mjs'], { cwd: dir, env: { NODE_ENV: 'production' } });
}, 60_000);

afterAll(async () => {
  if (server?.child.exitCode === null) server.child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('the esbuild bundle', () => {
  it('is one self-contained ESM file', async () => {
    const { size } = await stat(join(dir, 'server.mjs'));
    expect(size).toBeGreaterThan(100_000);
    expect(size).toBeLessThan(3_000_000);
    expect(await readFile(join(dir, 'server.mjs'), 'utf8')).not.toMatch(/from\s*["']fastify["']/);
  });

  it('starts and answers /health', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('serves the embedded seed data and validates with the bundled schema compiler', async () => {
    expect(await (await fetch(`${server.url}/api/items`)).json()).toEqual(seedItems);
    const invalid = await fetch(`${server.url}/api/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'No price' }),
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('exits 0 on SIGTERM', async () => {
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });
});
