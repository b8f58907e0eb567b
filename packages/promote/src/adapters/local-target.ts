import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { LocalAzureEndpoints } from '@skylift/azure';
import { ensureLocalCloud, localCloudDir } from '@skylift/local-cloud';
import { LocalAzureMissing } from '../errors.ts';

/**
 * The local cloud as a promote target: engine, registry and emulators started through the
 * supervisor when they are not running (a no-op in < 2 s when they are), and the Node base image
 * the sample builds on (containers here cannot pull one).
 */
export async function startLocalTarget(options: { onProgress?: (line: string) => void } = {}): Promise<{
  docker: Docker;
  nodeBaseImage: string;
  azure: LocalAzureEndpoints;
}> {
  const cloud = await ensureLocalCloud(options.onProgress ? { onProgress: options.onProgress } : {});
  const endpoints = cloud.services.azure?.endpoints ?? {};
  const { armEndpoint, identityEndpoint, subscriptionId } = endpoints;
  if (typeof armEndpoint !== 'string' || typeof identityEndpoint !== 'string' || typeof subscriptionId !== 'string') {
    throw LocalAzureMissing();
  }
  // The identity header is a secret: the daemon keeps it in a 0600 file, not in its announced endpoints.
  const identityHeader = (await readFile(join(localCloudDir(), 'azure', 'identity-header'), 'utf8')).trim();
  return { docker: cloud.docker, nodeBaseImage: cloud.nodeBaseImage, azure: { armEndpoint, identityEndpoint, subscriptionId, identityHeader } };
}
