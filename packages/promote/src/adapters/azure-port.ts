import {
  acrRegistryAuth,
  deployImage,
  ensureAcrPull,
  ensurePlan,
  ensureResourceGroup,
  ensureRegistry,
  ensureWebApp,
  teardown,
  toSkyliftError,
  waitUntilLive,
  type ArmClients,
  type RetryOptions,
  type TeardownList,
} from '@skylift/azure';
import type { CloudPort, DeleteSpec } from '../ports.ts';

const planTiers: Record<string, string> = { B1: 'Basic', B2: 'Basic', B3: 'Basic', S1: 'Standard' };

/** `<scope>/providers/Microsoft.Authorization/roleAssignments/<name>` → scope and name. */
function splitAssignmentId(id: string): { scope: string; name: string } {
  const marker = '/providers/Microsoft.Authorization/roleAssignments/';
  const at = id.lastIndexOf(marker);
  return { scope: id.slice(0, at), name: id.slice(at + marker.length) };
}

function teardownList(spec: DeleteSpec): TeardownList | undefined {
  const base = { resourceGroup: spec.resourceGroup, project: spec.project };
  switch (spec.kind) {
    case 'acrPull':
      return spec.id ? { ...base, roleAssignment: splitAssignmentId(spec.id) } : undefined;
    case 'site':
      return { ...base, site: spec.name };
    case 'plan':
      return { ...base, plan: spec.name };
    case 'registry':
      return { ...base, registry: spec.name };
    case 'resourceGroup':
      return { ...base, deleteResourceGroup: true };
  }
}

/** @skylift/azure behind the promote CloudPort: the same code for Azure, sovereign clouds and the local emulator. */
export interface AzurePortOptions {
  /** Health poll interval while waiting for the site (Azure default: 5 s). */
  readonly liveIntervalMs?: number;
  /** How long to retry PrincipalNotFound after a new identity (the local cloud replicates fast). */
  readonly principalRetry?: RetryOptions;
}

export function azureCloudPort(clients: ArmClients, options: AzurePortOptions = {}): CloudPort {
  return {
    identity: async () => ({ cloud: clients.cloud.name, subscriptionId: clients.subscriptionId }),
    async getResourceGroup(name) {
      try {
        if (!(await clients.resources.resourceGroups.checkExistence(name)).body) return undefined;
        const group = await clients.resources.resourceGroups.get(name);
        return { id: group.id ?? '', tags: group.tags ?? {} };
      } catch (error) {
        // The first call of a run: where a missing sign-in or a wrong subscription shows up.
        throw toSkyliftError(error, `resource group "${name}"`);
      }
    },
    ensureResourceGroup: (input) => ensureResourceGroup(clients, input),
    ensureRegistry: (input) => ensureRegistry(clients, input),
    ensurePlan: (input) =>
      ensurePlan(clients, { ...input, sku: { name: input.sku, tier: planTiers[input.sku] ?? 'Basic' } }),
    ensureSite: (spec) => ensureWebApp(clients, spec),
    ensureAcrPull: (input) =>
      options.principalRetry ? ensureAcrPull(clients, input, options.principalRetry) : ensureAcrPull(clients, input),
    registryAuth: ({ loginServer }) => acrRegistryAuth(clients.credential, clients.cloud, loginServer),
    async setImage(spec) {
      await deployImage(clients, spec);
    },
    async waitUntilLive(input, onProgress) {
      const live = await waitUntilLive(
        clients,
        {
          resourceGroup: input.resourceGroup,
          site: input.site,
          healthCheckPath: input.healthPath,
          timeoutMs: input.timeoutMs,
          ...(options.liveIntervalMs ? { intervalMs: options.liveIntervalMs } : {}),
        },
        { onProgress: (p) => onProgress(`attempt ${p.attempt}: ${p.last}`) },
      );
      return { url: new URL(live.url).origin, afterMs: live.elapsedMs };
    },
    async deleteResource(spec, onProgress) {
      const list = teardownList(spec);
      if (!list) return;
      await teardown(clients, list, (step) => onProgress(`${step.resource} ${step.outcome}`));
    },
  };
}
