import { randomBytes } from 'node:crypto';
import { buildImage, imageSizeOverBase, listImageLayers, type BuiltImage, type PushedImage } from '@skylift/container';
import { pushAnonymously } from '@skylift/container/testing';
import { ensureDockerEngine, ensureNodeBaseImage, ensureRegistry } from '@skylift/local-cloud';
import { copySampleApi } from './sample-api-copy.ts';

// Measures the container stage on the sample API against the real engine and the local registry:
// app layer size over the base, cold vs warm build time, and what a one-line change costs to push.
const APP_LAYER_TARGET = 10e6;
const PUSH_RATIO_TARGET = 1.1;

const { docker } = await ensureDockerEngine();
const [{ image: baseImage }, registry] = await Promise.all([ensureNodeBaseImage(docker), ensureRegistry()]);
const repository = `skylift-bench/sample-api-${randomBytes(3).toString('hex')}`;
const labels = { 'skylift.test': '1' };
const app = await copySampleApi();
const images: string[] = [];
const manifests: string[] = [];

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function build(noCache: boolean): Promise<BuiltImage> {
  const built = await buildImage(docker, {
    contextDir: app.dir,
    repository,
    project: 'sample-api',
    buildArgs: { BASE_IMAGE: baseImage },
    labels,
    noCache,
  });
  images.push(built.imageId);
  return built;
}

async function push(built: BuiltImage): Promise<PushedImage> {
  const pushed = await pushAnonymously(docker, { image: built.imageId, registry: registry.host, repository, tag: built.tag });
  manifests.push(pushed.digest);
  return pushed;
}

/** Compressed size of the image's top layer as stored in the registry: the bytes on the wire. */
async function compressedTopLayer(digest: string): Promise<number> {
  const response = await fetch(`${registry.url}/v2/${repository}/manifests/${digest}`, {
    headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' },
  });
  const manifest = (await response.json()) as { layers: { size: number }[] };
  return manifest.layers.at(-1)!.size;
}

let failed = false;
try {
  await app.bundle();
  const cold = await build(true);
  const warm = await build(false);
  const sizes = await imageSizeOverBase(docker, warm.imageId, baseImage);
  const firstPush = await push(warm);

  await app.changeOneLine(randomBytes(4).toString('hex'));
  await app.bundle();
  const changed = await build(false);
  const changedSizes = await imageSizeOverBase(docker, changed.imageId, baseImage);
  const secondPush = await push(changed);
  const ratio = secondPush.bytesPushed / changedSizes.appBytes;
  const wire = await compressedTopLayer(secondPush.digest);

  const layers = await listImageLayers(docker, changed.imageId);
  console.log(`sample-api on ${baseImage}, Docker Engine legacy builder, registry ${registry.host}`);
  console.log('layers (base first, non-empty):');
  for (const layer of layers.filter((entry) => entry.size > 0)) {
    console.log(`  ${mb(layer.size).padStart(10)}  ${layer.createdBy.replace('/bin/sh -c #(nop) ', '').trim() || '(base image import)'}`);
  }
  const layerOk = sizes.appBytes <= APP_LAYER_TARGET;
  console.log(
    `image ${mb(sizes.imageBytes)} = base ${mb(sizes.baseBytes)} + app ${mb(sizes.appBytes)}` +
      ` (target app <= ${mb(APP_LAYER_TARGET)}: ${layerOk ? 'met' : 'MISSED'})`,
  );
  console.log(
    `build cold (no cache) ${seconds(cold.durationMs)}, warm ${seconds(warm.durationMs)} (${warm.cachedSteps}/${warm.steps} steps cached):` +
      ` cold/warm ${(cold.durationMs / warm.durationMs).toFixed(1)}x`,
  );
  console.log(
    `first push: ${mb(firstPush.bytesPushed)} sent (${firstPush.layers.map((layer) => layer.outcome).join(', ')}) in ${seconds(firstPush.durationMs)}`,
  );
  const ratioOk = ratio <= PUSH_RATIO_TARGET;
  console.log(
    `after a one-line source change: rebuilt in ${seconds(changed.durationMs)}; pushed ${secondPush.bytesPushed} B` +
      ` (${secondPush.layers.map((layer) => layer.outcome).join(', ')}) / app layer ${changedSizes.appBytes} B = ${ratio.toFixed(2)}x` +
      ` (target <= ${PUSH_RATIO_TARGET}x: ${ratioOk ? 'met' : 'MISSED'}); gzip on the wire ${wire} B`,
  );
  failed = !layerOk || !ratioOk;
} finally {
  for (const digest of manifests) {
    await fetch(`${registry.url}/v2/${repository}/manifests/${digest}`, { method: 'DELETE' }).catch(() => undefined);
  }
  for (const image of images.reverse()) await docker.getImage(image).remove({ force: true }).catch(() => undefined);
  await app.remove();
}
process.exitCode = failed ? 1 : 0;
