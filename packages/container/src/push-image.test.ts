import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureDockerEngine, ensureNodeBaseImage, ensureRegistry, type RegistryEndpoints } from '@skylift/local-cloud';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage } from './build-image.ts';
import { PushUnauthorized, RegistryUnreachable } from './errors.ts';
import { listImageLayers } from './image-layers.ts';
import { pushImage } from './push-image.ts';
import type { PushProgress } from './push-progress.ts';
import { anonymousAuth } from './testing/anonymous-push.ts';
import { SERVER_DOCKERFILE, TEST_LABELS, TestWorkspace, deleteManifest, serverSource, uniqueName } from './testing/fixtures.ts';
import { HTPASSWD_PASSWORD, HTPASSWD_USER, startHtpasswdRegistry } from './testing/htpasswd-registry.ts';

// The real engine pushing to real CNCF registries: the local cloud's, and one with basic auth on.
const { docker } = await ensureDockerEngine();
const workspace = new TestWorkspace(docker);
const pushed: { repository: string; digest: string }[] = [];
let baseImage: string;
let registry: RegistryEndpoints;

beforeAll(async () => {
  [baseImage, registry] = await Promise.all([ensureNodeBaseImage(docker).then((base) => base.image), ensureRegistry()]);
}, 120_000);
afterAll(async () => {
  for (const { repository, digest } of pushed) await deleteManifest(registry.url, repository, digest);
  await workspace.cleanup();
});

async function buildApp(dir: string, repository: string): Promise<string> {
  const built = await buildImage(docker, { contextDir: dir, repository, buildArgs: { BASE_IMAGE: baseImage }, labels: TEST_LABELS });
  workspace.image(built.imageId);
  return built.imageId;
}

describe('pushImage to real registries', () => {
  it('reports per-layer progress and the digest, and re-sends only the changed app layer', async () => {
    const repository = uniqueName('skylift-test/push');
    const dir = await workspace.app({ Dockerfile: SERVER_DOCKERFILE, 'server.mjs': serverSource({ marker: 'v1' }) });
    const v1 = await buildApp(dir, repository);
    const events: PushProgress[] = [];
    const first = await pushImage(
      docker,
      { image: v1, registry: registry.host, repository, tag: 'v1', auth: anonymousAuth(registry.host) },
      (event) => events.push(event),
    );
    pushed.push({ repository, digest: first.digest });
    expect(first.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(first.digestReference).toBe(`${registry.host}/${repository}@${first.digest}`);
    expect(events.some((event) => event.type === 'layer' && event.status === 'Preparing')).toBe(true);
    expect(events.filter((event) => event.type === 'layer-done')).toHaveLength(first.layers.length);

    // A one-line source change: only the COPY layer is new; the base (and WORKDIR) stay in the registry.
    await writeFile(join(dir, 'server.mjs'), serverSource({ marker: 'v2' }));
    const v2 = await buildApp(dir, repository);
    const second = await pushImage(docker, { image: v2, registry: registry.host, repository, tag: 'v2', auth: anonymousAuth(registry.host) });
    pushed.push({ repository, digest: second.digest });
    expect(second.digest).not.toBe(first.digest);

    const layers = await listImageLayers(docker, v2);
    const baseLayer = layers[0]!;
    const appLayer = layers.findLast((layer) => layer.size > 0)!;
    expect(appLayer.createdBy).toContain('COPY');
    expect(second.layers.filter((layer) => layer.outcome === 'pushed')).toHaveLength(1);
    expect(second.layers.filter((layer) => layer.outcome !== 'pushed').length).toBeGreaterThanOrEqual(2);
    // The engine reports the uncompressed tar it streamed: the file plus tar headers and padding.
    expect(second.bytesPushed).toBeGreaterThanOrEqual(appLayer.size);
    expect(second.bytesPushed).toBeLessThanOrEqual(appLayer.size + 4096);
    expect(second.bytesPushed).toBeLessThan(baseLayer.size / 1000);
  }, 180_000);

  it('rejects wrong credentials at a registry with auth on as unauthorized, and accepts the right ones', async () => {
    const authRegistry = await startHtpasswdRegistry();
    try {
      const repository = uniqueName('skylift-test/auth');
      const image = await buildApp(await workspace.app({ Dockerfile: SERVER_DOCKERFILE, 'server.mjs': serverSource() }), repository);
      const wrong = { username: HTPASSWD_USER, password: 'not-the-password', serveraddress: authRegistry.host };
      const error = await pushImage(docker, { image, registry: authRegistry.host, repository, tag: '1', auth: wrong }).catch((e: unknown) => e);
      expect(PushUnauthorized.is(error)).toBe(true);
      expect((error as Error).message).toContain(`registry ${authRegistry.host} did not accept the credentials`);
      expect((error as Error).message).not.toContain('not-the-password');

      const right = { username: HTPASSWD_USER, password: HTPASSWD_PASSWORD, serveraddress: authRegistry.host };
      const ok = await pushImage(docker, { image, registry: authRegistry.host, repository, tag: '1', auth: right });
      expect(ok.digest).toMatch(/^sha256:/);
    } finally {
      await authRegistry.close();
    }
  }, 180_000);

  it('names an unreachable registry', async () => {
    const repository = uniqueName('skylift-test/nowhere');
    const image = await buildApp(await workspace.app({ Dockerfile: SERVER_DOCKERFILE, 'server.mjs': serverSource() }), repository);
    const error = await pushImage(docker, { image, registry: '127.0.0.1:1', repository, tag: '1', auth: anonymousAuth('127.0.0.1:1') }).catch(
      (e: unknown) => e,
    );
    expect(RegistryUnreachable.is(error)).toBe(true);
    expect((error as Error).message).toContain('127.0.0.1:1');
  }, 60_000);
});
