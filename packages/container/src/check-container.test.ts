import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { buildImage } from './build-image.ts';
import { checkContainer } from './check-container.ts';
import { ContainerExited, ContainerUnhealthy, ImageHasNoPort } from './errors.ts';
import { useEngineWorkspace } from './testing/engine-workspace.ts';
import { SERVER_DOCKERFILE, TEST_LABELS, serverSource, uniqueName } from './testing/fixtures.ts';

const engine = await useEngineWorkspace();
const { docker, workspace } = engine;

async function imageOf(files: Record<string, string>): Promise<string> {
  const built = await buildImage(docker, {
    contextDir: await workspace.app(files),
    repository: uniqueName('skylift-test/check'),
    buildArgs: { BASE_IMAGE: engine.baseImage },
    labels: TEST_LABELS,
  });
  workspace.image(built.imageId);
  return built.imageId;
}

async function containersOf(image: string): Promise<Docker.ContainerInfo[]> {
  return (await docker.listContainers({ all: true, filters: { label: ['skylift.test=1'] } })).filter((c) => c.ImageID === image);
}

describe('checkContainer on the real engine', () => {
  it('publishes the EXPOSEd port on loopback, waits for /health and removes the container', async () => {
    const image = await imageOf({ Dockerfile: SERVER_DOCKERFILE, 'server.mjs': serverSource() });
    const result = await checkContainer(docker, { image, labels: TEST_LABELS });
    expect(result.containerPort).toBe(8080);
    expect(result.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/health$/);
    expect(result.status).toBe(200);
    expect(result.timeToHealthyMs).toBeGreaterThanOrEqual(0);
    expect(result.timeToHealthyMs).toBeLessThan(30_000);
    expect(await containersOf(image)).toEqual([]);
  }, 90_000);

  it('falls back to / when the app has no /health, on an explicit port when the image exposes none', async () => {
    const server = [
      "import { createServer } from 'node:http';",
      "createServer((req, res) => { res.writeHead(req.url === '/' ? 200 : 404); res.end('home'); }).listen(9090, '0.0.0.0');",
    ].join('\n');
    const image = await imageOf({
      Dockerfile: SERVER_DOCKERFILE.replace('EXPOSE 8080\n', ''),
      'server.mjs': server,
    });
    expect(ImageHasNoPort.is(await checkContainer(docker, { image }).catch((e: unknown) => e))).toBe(true);
    const result = await checkContainer(docker, { image, port: 9090, labels: TEST_LABELS });
    expect(result.url).toMatch(/:\d+\/$/);
    expect(await containersOf(image)).toEqual([]);
  }, 90_000);

  it('fails a crashing app with its exit code and the last 50 lines of its logs', async () => {
    const crash = [
      'for (let i = 1; i <= 80; i++) console.log(`boot step ${i}`);',
      "throw new Error('DATABASE_URL is not set');",
    ].join('\n');
    const image = await imageOf({ Dockerfile: SERVER_DOCKERFILE, 'server.mjs': crash });
    const error = await checkContainer(docker, { image, labels: TEST_LABELS }).catch((e: unknown) => e);
    expect(ContainerExited.is(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('exited with code 1');
    expect(message).toContain('Error: DATABASE_URL is not set');
    const logLines = message.split('--- last ')[1]!.split('\n').slice(1);
    expect(logLines).toHaveLength(50);
    expect(message).not.toContain('boot step 30\n');
    expect(await containersOf(image)).toEqual([]);
  }, 90_000);

  it('gives up on an app that never answers 2xx, with its logs, within the timeout', async () => {
    const image = await imageOf({ Dockerfile: SERVER_DOCKERFILE, 'server.mjs': serverSource({ healthStatus: 503 }) });
    const started = Date.now();
    const error = await checkContainer(docker, { image, timeoutMs: 2_000, labels: TEST_LABELS }).catch((e: unknown) => e);
    expect(ContainerUnhealthy.is(error)).toBe(true);
    expect((error as Error).message).toContain('(last: HTTP 503)');
    expect((error as Error).message).toContain('listening');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await containersOf(image)).toEqual([]);
  }, 90_000);
});
