import Docker from 'dockerode';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ensureDockerEngine, ensureNodeBaseImage, ensureRegistry, type RegistryEndpoints } from '@skylift/local-cloud';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildImage } from './build-image.ts';
import { checkContainer } from './check-container.ts';
import { messageError, readEngineMessages } from './engine-messages.ts';
import { imageSizeOverBase, listImageLayers } from './image-layers.ts';
import { pushAnonymously } from './testing/anonymous-push.ts';
import { TEST_LABELS, TestWorkspace, deleteManifest, uniqueName } from './testing/fixtures.ts';

// The seed tutorial's steps 1-3 on the sample API: build, check, push; then a second client pulls
// the pushed digest and runs it, as the cloud would.
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const sampleApi = fileURLToPath(new URL('../../../apps/sample-api', import.meta.url));
const { docker } = await ensureDockerEngine();
const workspace = new TestWorkspace(docker);
const repository = uniqueName('skylift-test/sample-api');
let baseImage: string;
let registry: RegistryEndpoints;
let pushedDigest: string | undefined;

beforeAll(async () => {
  // The Dockerfile copies a pre-built bundle: containers here have no network for `npm ci`.
  await promisify(execFile)('npm', ['run', 'build', '-w', '@skylift/sample-api'], { cwd: repoRoot });
  [baseImage, registry] = await Promise.all([ensureNodeBaseImage(docker).then((base) => base.image), ensureRegistry()]);
}, 180_000);
afterAll(async () => {
  if (pushedDigest) await deleteManifest(registry.url, repository, pushedDigest);
  await workspace.cleanup();
});

it('builds, checks and pushes the sample API; a second client pulls it by digest and it answers /health', async () => {
  const built = await buildImage(docker, {
    contextDir: sampleApi,
    repository,
    project: 'sample-api',
    buildArgs: { BASE_IMAGE: baseImage },
    labels: TEST_LABELS,
  });
  workspace.image(built.imageId);
  // The shared work tree's HEAD moves while others commit: check the commit the build saw.
  const git = async (...args: string[]) => (await promisify(execFile)('git', args, { cwd: repoRoot })).stdout.trim();
  expect(await git('cat-file', '-t', built.revision!)).toBe('commit');
  expect(built.tag.startsWith(await git('rev-parse', '--short', built.revision!))).toBe(true);
  expect(built.labels['org.opencontainers.image.revision']).toBe(built.revision);
  expect(built.context.files).toBe(3); // Dockerfile, .dockerignore, dist/server.mjs

  const local = await checkContainer(docker, { image: built.imageId, labels: TEST_LABELS });
  expect(local).toMatchObject({ status: 200, containerPort: 3000 });
  expect(local.url).toMatch(/\/health$/);

  const { appBytes } = await imageSizeOverBase(docker, built.imageId, baseImage);
  expect(appBytes).toBeLessThan(10 * 1024 * 1024);
  const layers = await listImageLayers(docker, built.imageId);
  expect(layers.reduce((sum, layer) => sum + layer.size, 0)).toBe((await docker.getImage(built.imageId).inspect()).Size);

  const pushed = await pushAnonymously(docker, { image: built.imageId, registry: registry.host, repository, tag: built.tag });
  pushedDigest = pushed.digest;

  // Forget the image locally, so the pull must fetch the app layer from the registry.
  await docker.getImage(built.imageId).remove({ force: true });
  await expect(docker.getImage(built.imageId).inspect()).rejects.toMatchObject({ statusCode: 404 });

  const second = new Docker();
  const statuses: string[] = [];
  for await (const message of readEngineMessages(await second.pull(pushed.digestReference))) {
    const error = messageError(message);
    if (error !== undefined) throw new Error(error);
    if (message.status) statuses.push(message.status);
  }
  workspace.image(pushed.digestReference);
  // Layers other images share stay in the engine ("Already exists"); the image itself came from the registry.
  expect(statuses).toContain(`Status: Downloaded newer image for ${pushed.digestReference}`);
  const pulled = await second.getImage(pushed.digestReference).inspect();
  expect(pulled.Id).toBe(built.imageId);

  const remote = await checkContainer(second, { image: pushed.digestReference, labels: TEST_LABELS });
  expect(remote.status).toBe(200);
  expect(remote.url).toMatch(/\/health$/);
}, 240_000);
