import type { RegistryEndpoints } from './registry-service.ts';
import { ensureService, type SupervisorOptions } from './supervisor.ts';

/** The local CNCF registry (plain HTTP on a loopback port), started when it is not running. */
export async function ensureRegistry(options: SupervisorOptions = {}): Promise<RegistryEndpoints> {
  const { endpoints } = await ensureService('registry', options);
  const { host, url } = endpoints;
  if (typeof host !== 'string' || typeof url !== 'string') throw new Error(`registry endpoints in the local cloud state are malformed: ${JSON.stringify(endpoints)}`);
  return { host, url };
}
