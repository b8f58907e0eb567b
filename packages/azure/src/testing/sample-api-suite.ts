import type Docker from 'dockerode';
import { afterAll, beforeAll } from 'vitest';
import { ensureDockerEngine } from '@skylift/local-cloud';
import type { RetryOptions } from '../retry.ts';
import { REPOSITORY, sampleNames, type SampleDeployment, type SampleNames } from './deploy-sample.ts';
import { startLocalAzure, uniqueSuffix, type LocalAzure } from './local-azure.ts';
import { buildSampleApiImage, removeImages } from './sample-api-image.ts';

export interface SampleApiSuite {
  readonly suffix: string;
  readonly names: SampleNames;
  /** The locally built sample API image, before it is pushed. */
  readonly image: string;
  readonly local: LocalAzure;
  readonly docker: Docker;
  /** Records a reference pushed to the emulator's registry (`tag` defaults to the suite's) so it is removed too. */
  pushed(deployment: SampleDeployment, tag?: string): void;
}

/**
 * The shared setup of the integration files that deploy the sample API: unique names, the emulator
 * with real SDK clients, and a freshly built image. Call inside `describe`: it registers the hooks.
 */
export function useSampleApiSuite(
  options: Parameters<typeof startLocalAzure>[0],
  retry?: RetryOptions,
): SampleApiSuite {
  const suffix = uniqueSuffix();
  const image = `skylift-test/sample-api:${suffix}`;
  const pushedReferences: string[] = [];
  let local: LocalAzure | undefined;
  let docker: Docker | undefined;

  beforeAll(async () => {
    local = await startLocalAzure(options, retry);
    docker = (await ensureDockerEngine()).docker;
    await buildSampleApiImage(docker, image);
  });

  afterAll(async () => {
    try {
      await local?.close();
    } finally {
      // After close: the site runtime may still be pulling the pushed references until then.
      if (docker) await removeImages(docker, [image, ...pushedReferences]);
    }
  });

  return {
    suffix,
    names: sampleNames(suffix),
    image,
    get local() {
      if (local === undefined) throw new Error('the local Azure starts in beforeAll');
      return local;
    },
    get docker() {
      if (docker === undefined) throw new Error('the Docker Engine is connected in beforeAll');
      return docker;
    },
    pushed: (deployment, tag = suffix) => {
      pushedReferences.push(`${deployment.registry.loginServer}/${REPOSITORY}:${tag}`);
    },
  };
}
