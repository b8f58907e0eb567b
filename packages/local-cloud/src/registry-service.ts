import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ensureDebianPackages } from './debian-packages.ts';
import { freeLoopbackPort } from './free-port.ts';
import type { ServiceDefinition } from './service-definition.ts';

export const DOCKER_REGISTRY = '/usr/bin/docker-registry';

export type RegistryEndpoints = {
  /** `127.0.0.1:PORT`: the registry part of an image reference. */
  readonly host: string;
  readonly url: string;
};

/**
 * CNCF distribution 2.8 config: plain HTTP on loopback only (the engine allows insecure
 * registries on 127.0.0.0/8), blobs on disk under the local cloud, deletes allowed so tests can
 * clean up after themselves.
 */
export function registryConfig(options: { rootDirectory: string; port: number }): string {
  return stringify({
    version: 0.1,
    log: { level: 'info', formatter: 'text', accesslog: { disabled: true } },
    storage: { filesystem: { rootdirectory: options.rootDirectory }, delete: { enabled: true } },
    http: { addr: `127.0.0.1:${options.port}` },
  });
}

export function registryEndpoints(port: number): RegistryEndpoints {
  return { host: `127.0.0.1:${port}`, url: `http://127.0.0.1:${port}` };
}

function previousPort(endpoints: Readonly<Record<string, unknown>> | undefined): number | undefined {
  const host = endpoints?.host;
  const port = typeof host === 'string' ? Number(host.split(':').pop()) : Number.NaN;
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

export const registryService: ServiceDefinition = {
  name: 'registry',
  async launch({ dir, previous, onProgress }) {
    await ensureDebianPackages(['docker-registry'], { onProgress });
    const port = await freeLoopbackPort(previousPort(previous?.endpoints));
    const rootDirectory = join(dir, 'storage');
    await mkdir(rootDirectory, { recursive: true });
    const configPath = join(dir, 'config.yml');
    await writeFile(configPath, registryConfig({ rootDirectory, port }));
    return {
      command: DOCKER_REGISTRY,
      args: ['serve', configPath],
      readiness: { kind: 'http', url: `http://127.0.0.1:${port}/v2/`, endpoints: registryEndpoints(port) },
    };
  },
};
