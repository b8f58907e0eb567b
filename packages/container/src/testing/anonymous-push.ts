import type Docker from 'dockerode';
import { pushImage, type PushedImage, type PushImageOptions, type RegistryAuth } from '../push-image.ts';
import type { PushProgress } from '../push-progress.ts';

/** Credentials for a registry that takes pushes without any (the local cloud's). */
export function anonymousAuth(host: string): RegistryAuth {
  return { username: '', password: '', serveraddress: host };
}

/** `pushImage` to a registry that takes anonymous pushes, such as the local cloud's. */
export function pushAnonymously(
  docker: Docker,
  options: Omit<PushImageOptions, 'auth'>,
  onProgress?: (event: PushProgress) => void,
): Promise<PushedImage> {
  return pushImage(docker, { ...options, auth: anonymousAuth(options.registry) }, onProgress);
}
