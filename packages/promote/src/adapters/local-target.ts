import type Docker from 'dockerode';
import type { LocalAzureEndpoints } from '@skylift/azure';
import { ensureLocalCloud, localAzure } from '@skylift/local-cloud';

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
  return { docker: cloud.docker, nodeBaseImage: cloud.nodeBaseImage, azure: await localAzure() };
}
