import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureDockerEngine, ensureNodeBaseImage, ensureRegistry, type RegistryEndpoints } from '@skylift/local-cloud';
import { TEST_LABELS, buildDirectory, followProgress, runOnLoopback, waitForHttp } from '@skylift/local-cloud/testing';

// The real engine, the real registry, the sample API's own Dockerfile on the local Node base image.
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const sampleApi = fileURLToPath(new URL('../apps/sample-api', import.meta.url));
const unique = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
const tag = `skylift-test/sample-api:${unique}`;
const { docker } = await ensureDockerEngine();
let registry: RegistryEndpoints;
const cleanup: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  // The Dockerfile copies a pre-built bundle: containers here have no network to `npm ci`.
  await promisify(execFile)('npm', ['run', 'build', '-w', '@skylift/sample-api'], { cwd: repoRoot });
  const [{ image: baseImage }, endpoints] = await Promise.all([ensureNodeBaseImage(docker), ensureRegistry()]);
  registry = endpoints;
  // A label of this run's own makes the image id unique: others build the same sample API on the
  // same base, and the pull-back check below needs an image nobody else holds.
  await buildDirectory(docker, { directory: sampleApi, tag, buildArgs: { BASE_IMAGE: baseImage }, labels: { ...TEST_LABELS, 'skylift.test.run': unique } });
  cleanup.push(() => docker.getImage(tag).remove({ force: true }));
}, 120_000);

afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

test('the image runs as a non-root user and answers /health on a published loopback port', async () => {
  const info = await docker.getImage(tag).inspect();
  expect(info.Config.User).not.toMatch(/^(|0|root)(:|$)/);
  expect(info.Config.Labels).toMatchObject(TEST_LABELS);
  const running = await runOnLoopback(docker, { image: tag, containerPort: 3000 });
  try {
    const health = await waitForHttp(`${running.url}/health`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
  } finally {
    await running.remove();
  }
  console.info(`sample API image: ${(info.Size / 1e6).toFixed(1)} MB (${tag})`);
}, 60_000);

test('the image is pushed to the local registry and pulled back by digest', async () => {
  const repository = `${registry.host}/skylift-test/sample-api`;
  await docker.getImage(tag).tag({ repo: repository, tag: unique });
  const pushed = await followProgress(docker, await docker.getImage(`${repository}:${unique}`).push({ tag: unique, authconfig: {} }));
  const digest = pushed.find((event) => event.aux?.Digest)?.aux?.Digest;
  expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  cleanup.push(() => fetch(`${registry.url}/v2/skylift-test/sample-api/manifests/${digest}`, { method: 'DELETE' }));

  // Drop every local name of the image first, so the pull has to come from the registry.
  const { Id } = await docker.getImage(tag).inspect();
  await docker.getImage(`${repository}:${unique}`).remove();
  await docker.getImage(tag).remove({ force: true });
  await expect(docker.getImage(Id).inspect()).rejects.toMatchObject({ statusCode: 404 });

  const reference = `${repository}@${digest}`;
  await followProgress(docker, await docker.pull(reference));
  cleanup.push(() => docker.getImage(reference).remove({ force: true }));
  const pulled = await docker.getImage(reference).inspect();
  expect(pulled.Id).toBe(Id);
  expect(pulled.RepoDigests).toContain(reference);
}, 120_000);
