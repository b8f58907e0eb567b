import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { ensureNodeBaseImage } from '@skylift/local-cloud';
import type { RegistryAuth } from '../acr-token.ts';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const SAMPLE_API = join(REPO_ROOT, 'apps/sample-api');
export const TEST_LABELS = { 'skylift.test': '1' };

interface EngineEvent {
  error?: string;
  errorDetail?: { message?: string };
  aux?: { Digest?: string };
}

/** Engine streams report failures inside a 200 answer: every event has to be checked. */
async function follow(docker: Docker, stream: NodeJS.ReadableStream): Promise<EngineEvent[]> {
  const events = await new Promise<EngineEvent[]>((resolve, reject) =>
    docker.modem.followProgress(stream, (error: Error | null, output: EngineEvent[]) => (error ? reject(error) : resolve(output))),
  );
  const failed = events.find((event) => event.error !== undefined || event.errorDetail !== undefined);
  if (failed) throw new Error(failed.errorDetail?.message ?? failed.error);
  return events;
}

/** The sample API image on the local Node base image (the bundle is built first when missing). */
export async function buildSampleApiImage(docker: Docker, tag: string): Promise<string> {
  await access(join(SAMPLE_API, 'dist/server.mjs')).catch(() =>
    promisify(execFile)('npm', ['run', 'build', '-w', '@skylift/sample-api'], { cwd: REPO_ROOT }),
  );
  const { image: baseImage } = await ensureNodeBaseImage(docker);
  const stream = await docker.buildImage(
    { context: SAMPLE_API, src: ['Dockerfile', 'dist/server.mjs'] },
    { t: tag, buildargs: { BASE_IMAGE: baseImage }, labels: TEST_LABELS, rm: true, forcerm: true },
  );
  await follow(docker, stream);
  return tag;
}

/** Tags `image` into the registry and pushes it with ACR credentials; answers the pushed digest. */
export async function pushToRegistry(
  docker: Docker,
  image: string,
  target: { loginServer: string; repository: string; tag: string },
  auth: RegistryAuth,
): Promise<string> {
  const repo = `${target.loginServer}/${target.repository}`;
  await docker.getImage(image).tag({ repo, tag: target.tag });
  const stream = await docker.getImage(`${repo}:${target.tag}`).push({ authconfig: auth });
  const events = await follow(docker, stream);
  const digest = events.find((event) => event.aux?.Digest !== undefined)?.aux?.Digest;
  if (digest === undefined) throw new Error(`push of ${repo}:${target.tag} reported no digest`);
  return digest;
}

/** Removes test images by reference; missing ones are fine. */
export async function removeImages(docker: Docker, references: readonly string[]): Promise<void> {
  for (const reference of references) {
    await docker
      .getImage(reference)
      .remove({ force: true })
      .catch(() => undefined);
  }
}
