import { randomUUID } from 'node:crypto';
import type { StoredIdentity, StoredResource } from './state.ts';
import type { AzureWorld } from './world.ts';

/**
 * A system-assigned identity: a new service principal in the directory, kept while the resource
 * keeps `SystemAssigned`, deleted with it. Its creation time drives the PrincipalNotFound window.
 */
export function systemIdentity(world: AzureWorld, requested: unknown, existing: StoredResource | undefined, resourceId: string, name: string): StoredIdentity | undefined {
  const asked = (requested as { type?: unknown } | undefined)?.type;
  const type = typeof asked === 'string' ? asked : undefined;
  const { state } = world.store;
  const previous = existing?.identity?.principalId;
  if (type === undefined) return existing?.identity;
  if (type.toLowerCase() === 'none') {
    if (previous) delete state.principals[previous];
    return undefined;
  }
  const principalId = previous ?? randomUUID();
  state.principals[principalId] ??= { objectId: principalId, kind: 'ServicePrincipal', displayName: name, createdAt: world.clock.now(), resourceId };
  return { type: 'SystemAssigned', principalId, tenantId: state.tenantId };
}
