import Docker from 'dockerode';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test, vi } from 'vitest';
import { engineStartBlocker, ensureDockerEngine } from './docker-engine.ts';
import { DockerStartFailed, DockerUnreachable } from './errors.ts';
import { readState } from './state.ts';
import { stopLocalCloud } from './supervisor.ts';

const dir = await mkdtemp(join(tmpdir(), 'skylift-engine-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
const debianRoot = { platform: 'linux', uid: 0, hasAptGet: true } as const;

test('an engine is started only as root on Debian and never behind an explicit DOCKER_HOST', () => {
  expect(engineStartBlocker(debianRoot, {})).toBeUndefined();
  expect(engineStartBlocker(debianRoot, { DOCKER_HOST: 'tcp://10.0.0.1:2375' })).toMatch(/DOCKER_HOST is set/);
  expect(engineStartBlocker({ ...debianRoot, uid: 1000 }, {})).toMatch(/not running as root/);
  expect(engineStartBlocker({ platform: 'darwin', uid: 501, hasAptGet: false }, {})).toMatch(/not a Debian machine/);
});

test('the running engine is found and used, and not claimed as ours', async () => {
  const engine = await ensureDockerEngine({ dir });
  expect((await engine.docker.version()).ApiVersion).toMatch(/^1\.\d+$/);
  expect(engine.startedByUs).toBe(false);
});

test('an unreachable engine where we may not start one is one line naming what to start', async () => {
  vi.stubEnv('DOCKER_HOST', `unix://${join(dir, 'nothing-here.sock')}`);
  try {
    const error = await ensureDockerEngine({ dir, docker: new Docker() }).catch((caught: unknown) => caught);
    expect(DockerUnreachable.is(error)).toBe(true);
    expect((error as Error).message).toMatch(/Docker Desktop.*sudo dockerd.*DOCKER_HOST/);
    expect((error as Error).message).not.toContain('\n');
  } finally {
    vi.unstubAllEnvs();
  }
});

// The real `dockerd` start runs on fresh CI machines; here a stand-in engine on a private socket
// exercises the same path: spawn detached, wait for the ping, record it, stop only what we started.
const standIn = join(dir, 'stand-in-dockerd.mjs');
await writeFile(
  standIn,
  `import { createServer } from 'node:http';
const [socket, mode] = process.argv.slice(2);
if (mode === 'crash') { console.error('failed to start daemon: stand-in cannot run here'); process.exit(1); }
setTimeout(() => createServer((_req, res) => res.end('OK')).listen(socket, () => console.log('API listen on ' + socket)), 300);
`,
);

test('when nothing answers, dockerd is started, waited for, recorded as ours, and stopped by stop', async () => {
  const socketPath = join(dir, 'engine.sock');
  const engine = await ensureDockerEngine({ dir, host: debianRoot, docker: new Docker({ socketPath }), dockerd: [process.execPath, standIn, socketPath] });
  expect(engine.startedByUs).toBe(true);
  const recorded = (await readState(dir)).docker;
  expect(recorded?.command).toEqual([process.execPath, standIn, socketPath]);
  const again = await ensureDockerEngine({ dir, host: debianRoot, docker: new Docker({ socketPath }) });
  expect(again.startedByUs).toBe(true);
  expect((await stopLocalCloud({ dir, services: [] })).stopped).toEqual(['dockerd']);
  expect((await readState(dir)).docker).toBeUndefined();
});

test('a dockerd that exits at once fails with the tail of its log', async () => {
  const socketPath = join(dir, 'crash.sock');
  const error = await ensureDockerEngine({ dir, host: debianRoot, docker: new Docker({ socketPath }), dockerd: [process.execPath, standIn, socketPath, 'crash'] }).catch(
    (caught: unknown) => caught,
  );
  expect(DockerStartFailed.is(error)).toBe(true);
  expect((error as Error).message).toContain('stand-in cannot run here');
});

