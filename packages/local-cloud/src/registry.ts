import type { RegistryEndpoints } from './registry-service.ts';
import { ensureService, type SupervisorOptions } from './supervisor.ts';

/** The local CNCF registry (plain HTTP on a loopback port), started when it is not running. */
export async function ensureRegistry(options: SupervisorOptions = {}): Promise<RegistryEndpoints> {
  const { endpoints } = await ensureService('registry', options);
  return endpoints as unknown as RegistryEndpoints;
}
