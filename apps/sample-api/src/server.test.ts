import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startServerProcess } from './server-process.ts';
import type { ServerProcess } from './server-process.ts';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
let server: ServerProcess | undefined;

afterEach(() => {
  if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  server = undefined;
});

describe('src/server.ts as a real process', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('listens on PORT/HOST, logs JSON to stdout and exits 0 on %s', async (signal) => {
    server = await startServerProcess(['--import', 'tsx', 'src/server.ts'], { cwd: packageDir });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });

    server.child.kill(signal);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.logs.some((entry) => entry.msg === 'shutting down' && entry.signal === signal)).toBe(true);
    expect(server.logs.some((entry) => (entry.res as { statusCode?: number } | undefined)?.statusCode === 200)).toBe(true);
  });

  it('takes SAMPLE_API_BEHAVIOUR from the environment', async () => {
    server = await startServerProcess(['--import', 'tsx', 'src/server.ts'], {
      cwd: packageDir,
      env: { SAMPLE_API_BEHAVIOUR: 'changed' },
    });
    expect((await fetch(`${server.url}/api/items/999`)).status).toBe(500);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT=eighty is not a port number/],
    [{ PORT: '0', SAMPLE_API_BEHAVIOUR: 'broken' }, /SAMPLE_API_BEHAVIOUR=broken is not known: use one of normal, changed, reordered/],
  ])('refuses bad configuration %o with a one-line error and exit 2', (env, message) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: packageDir,
      env: { ...process.env, HOST: '127.0.0.1', ...env },
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });
});
