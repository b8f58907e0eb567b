import type Docker from 'dockerode';
import { buildImage, checkContainer, pushImage, type BuildProgress, type PushProgress } from '@skylift/container';
import type { BuiltImage, ContainerPort } from '../ports.ts';
import { runBaselineContainer } from './baseline-container.ts';

export interface ContainerPortOptions {
  /** `BASE_IMAGE` among them: the local cloud builds on its own Node image. */
  readonly buildArgs?: Readonly<Record<string, string>>;
  /** Put on every container skylift runs, so tests can find and remove leftovers. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Context paths the user deliberately sends although they look like secrets. */
  readonly allowFiles?: readonly string[];
}

function describeBuild(event: BuildProgress): string {
  switch (event.type) {
    case 'context':
      return `context ${event.files} files, ${(event.bytes / 1024).toFixed(0)} KiB`;
    case 'step':
      return `step ${event.step}/${event.total} ${event.instruction}`;
    case 'cache-hit':
      return `step ${event.step}/${event.total} cached`;
    case 'output':
      return `step ${event.step}: ${event.line}`;
  }
}

function describePush(event: PushProgress): string {
  if (event.type === 'layer-done') return `layer ${event.id} ${event.outcome}`;
  const bytes = event.current !== undefined && event.total ? ` ${(event.current / 1e6).toFixed(1)}/${(event.total / 1e6).toFixed(1)} MB` : '';
  return `layer ${event.id} ${event.status}${bytes}`;
}

/** The exposed port the image declares (Dockerfile EXPOSE); App Service learns it from WEBSITES_PORT. */
async function exposedPort(docker: Docker, imageId: string): Promise<number> {
  const info = await docker.getImage(imageId).inspect();
  const first = Object.keys(info.Config?.ExposedPorts ?? {}).find((key) => key.endsWith('/tcp'));
  return first ? Number.parseInt(first, 10) : 80;
}

/** @skylift/container behind the promote ContainerPort. */
export function dockerContainerPort(docker: Docker, options: ContainerPortOptions = {}): ContainerPort {
  return {
    async build(input, onProgress) {
      const built = await buildImage(
        docker,
        {
          contextDir: input.contextDir,
          repository: input.project,
          project: input.project,
          ...(input.dockerfile ? { dockerfile: input.dockerfile } : {}),
          ...(options.buildArgs ? { buildArgs: options.buildArgs } : {}),
          ...(options.allowFiles ? { allowFiles: options.allowFiles } : {}),
        },
        (event) => onProgress(describeBuild(event)),
      );
      return {
        imageId: built.imageId,
        localRef: built.references[0] ?? built.imageId,
        tag: built.tag,
        port: await exposedPort(docker, built.imageId),
      };
    },
    async check(input, onProgress) {
      onProgress(`waiting for ${input.healthPath}`);
      const result = await checkContainer(docker, {
        image: input.image.imageId,
        port: input.image.port,
        healthPath: input.healthPath,
        ...(options.labels ? { labels: options.labels } : {}),
      });
      return { healthyAfterMs: result.timeToHealthyMs };
    },
    run: (input) => runBaselineContainer(docker, { image: input.image, healthPath: input.healthPath, labels: options.labels ?? {} }),
    async push(input: { image: BuiltImage; repository: string; registry: string; auth: { username: string; password: string; serveraddress: string } }, onProgress) {
      const pushed = await pushImage(
        docker,
        { image: input.image.imageId, registry: input.registry, repository: input.repository, tag: input.image.tag, auth: input.auth },
        (event) => onProgress(describePush(event)),
      );
      return {
        digest: pushed.digest,
        bytesPushed: pushed.bytesPushed,
        layersPushed: pushed.layers.filter((layer) => layer.outcome === 'pushed').length,
        layersSkipped: pushed.layers.filter((layer) => layer.outcome !== 'pushed').length,
      };
    },
  };
}
