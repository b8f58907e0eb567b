import type Docker from 'dockerode';
import { performance } from 'node:perf_hooks';
import { engineMessage, engineStatus, rethrowImageNotFound, withEngine } from './engine.ts';
import { readEngineMessages } from './engine-messages.ts';
import { classifyPushError, PushTracker, type PushedLayer, type PushProgress, type PushTarget } from './push-progress.ts';

/** Docker's registry auth config. For ACR: username `00000000-0000-0000-0000-000000000000`, password = refresh token. */
export interface RegistryAuth {
  username: string;
  password: string;
  /** The registry host, e.g. `myreg.azurecr.io` or `127.0.0.1:5000`. */
  serveraddress: string;
}

export interface PushImageOptions {
  /** Local image: id or reference. */
  image: string;
  /** Registry host (`myreg.azurecr.io`, `127.0.0.1:5000`). */
  registry: string;
  repository: string;
  tag: string;
  auth: RegistryAuth;
}

export interface PushedImage {
  /** `registry/repository:tag` */
  reference: string;
  /** `registry/repository@sha256:…`: what a deployment should pin. */
  digestReference: string;
  digest: string;
  /** Uncompressed bytes of the layers the registry did not have yet. */
  bytesPushed: number;
  layers: PushedLayer[];
  durationMs: number;
}

/**
 * Tags `image` for the registry and pushes it with the caller's credentials. The engine skips
 * layers the registry already holds (or mounts them from another repository), so only the
 * changed layers travel; `bytesPushed` says how much did.
 */
export async function pushImage(
  docker: Docker,
  options: PushImageOptions,
  onProgress: (event: PushProgress) => void = () => {},
): Promise<PushedImage> {
  const started = performance.now();
  const name = `${options.registry}/${options.repository}`;
  const target: PushTarget = { registry: options.registry, repository: options.repository, reference: `${name}:${options.tag}` };
  await withEngine(docker, () => docker.getImage(options.image).tag({ repo: name, tag: options.tag })).catch(
    rethrowImageNotFound(options.image),
  );
  const stream: NodeJS.ReadableStream = await withEngine(docker, () =>
    docker.getImage(name).push({ tag: options.tag, authconfig: options.auth }),
  ).catch((error: unknown) => {
    throw engineStatus(error) === undefined ? error : classifyPushError(engineMessage(error), target);
  });
  const tracker = new PushTracker(target, onProgress);
  for await (const message of readEngineMessages(stream)) tracker.accept(message);
  const summary = tracker.summary();
  return {
    reference: target.reference,
    digestReference: `${name}@${summary.digest}`,
    digest: summary.digest,
    bytesPushed: summary.bytesPushed,
    layers: summary.layers,
    durationMs: Math.round(performance.now() - started),
  };
}
