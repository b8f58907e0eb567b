import type { ArmClients } from './arm-clients.ts';
import { lroOptions } from './arm-clients.ts';
import { armCall, armGet } from './arm-call.ts';
import { AzureNameTaken } from './errors.ts';
import { validateName } from './names.ts';
import { skyliftTags } from './tags.ts';

export interface RegistrySpec {
  readonly resourceGroup: string;
  readonly name: string;
  readonly location: string;
  readonly project: string;
}

export interface EnsuredRegistry {
  readonly id: string;
  readonly name: string;
  /** Read from Azure: `<name>.azurecr.io` in the public cloud, a loopback port locally. */
  readonly loginServer: string;
  readonly created: boolean;
}

/**
 * A Basic registry with the admin user off (pushes and pulls go through Entra identities). Registry
 * names are global: when the name is ours already (in our group) that is a re-run; otherwise name
 * availability is asked first so "taken" is a clear error, not a failed deployment.
 */
export async function ensureRegistry(clients: ArmClients, spec: RegistrySpec): Promise<EnsuredRegistry> {
  validateName('registry', spec.name);
  const resource = `registry "${spec.name}"`;
  const registries = clients.registries.registries;
  const existing = await armGet(resource, clients.retry, () => registries.get(spec.resourceGroup, spec.name));
  if (existing !== undefined && existing.adminUserEnabled !== true) return describe(existing, false);

  if (existing === undefined) {
    const availability = await armCall(resource, clients.retry, () =>
      registries.checkNameAvailability({ name: spec.name, type: 'Microsoft.ContainerRegistry/registries' }),
    );
    if (availability.nameAvailable === false) {
      throw AzureNameTaken(resource, availability.message ?? availability.reason ?? 'not available');
    }
  }
  // Also reached when our own registry has the admin user on: the PUT turns it back off.
  const registry = await armCall(resource, clients.retry, () =>
    registries.create(
      spec.resourceGroup,
      spec.name,
      { location: spec.location, sku: { name: 'Basic' }, adminUserEnabled: false, tags: skyliftTags(spec.project) },
      lroOptions(clients),
    ),
  );
  return describe(registry, existing === undefined);
}

function describe(registry: { id?: string; name?: string; loginServer?: string }, created: boolean): EnsuredRegistry {
  return { id: registry.id!, name: registry.name!, loginServer: registry.loginServer!, created };
}
