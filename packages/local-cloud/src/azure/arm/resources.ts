import type { StoredResource, StoredResourceGroup } from '../state.ts';
import type { AzureWorld } from '../world.ts';
import { resourceGroupNotFound, resourceNotFound, subscriptionNotFound } from './arm-error.ts';
import { scopeCovers } from '../rbac.ts';

export function requireSubscription(world: AzureWorld, subscriptionId: string): void {
  if (subscriptionId.toLowerCase() !== world.store.state.subscriptionId.toLowerCase()) throw subscriptionNotFound(subscriptionId);
}

/** The group, unless it does not exist (or is being deleted: ARM then refuses to work in it too). */
export function requireGroup(world: AzureWorld, subscriptionId: string, name: string): StoredResourceGroup {
  requireSubscription(world, subscriptionId);
  const group = world.store.state.resourceGroups[name.toLowerCase()];
  if (!group) throw resourceGroupNotFound(name);
  return group;
}

export function resourceId(subscriptionId: string, group: string, type: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${group}/providers/${type}/${name}`;
}

export function findResource(world: AzureWorld, id: string): StoredResource | undefined {
  return world.store.state.resources[id.toLowerCase()];
}

export function requireResource(world: AzureWorld, params: Record<string, string>, type: string, name: string): StoredResource {
  const group = requireGroup(world, params.subscriptionId as string, params.resourceGroupName as string);
  const found = findResource(world, resourceId(world.store.state.subscriptionId, group.name, type, name));
  if (!found) throw resourceNotFound(type, name, params.resourceGroupName as string);
  return found;
}

/** The wire form of a stored resource; `provisioningState` reflects an async operation in flight. */
export function renderResource(world: AzureWorld, resource: StoredResource) {
  const properties = resource.pending ? { ...resource.properties, provisioningState: resource.pending.state } : resource.properties;
  return {
    id: resource.id,
    name: resource.name,
    type: resource.type,
    ...(resource.kind === undefined ? {} : { kind: resource.kind }),
    location: resource.location,
    tags: resource.tags,
    ...(resource.sku === undefined ? {} : { sku: resource.sku }),
    ...(resource.identity === undefined ? {} : { identity: resource.identity }),
    properties,
    systemData: { createdBy: world.store.state.developerObjectId, createdByType: 'User', createdAt: resource.createdAt },
  };
}

export function resourcesOfType(world: AzureWorld, type: string, within: string): StoredResource[] {
  return Object.values(world.store.state.resources).filter(
    (resource) => resource.type.toLowerCase() === type.toLowerCase() && scopeCovers(within, resource.id),
  );
}

/** Deleting a resource removes the role assignments made on it and its identity, as Azure does. */
export async function deleteResource(world: AzureWorld, resource: StoredResource): Promise<void> {
  const { state } = world.store;
  delete state.resources[resource.id.toLowerCase()];
  delete state.appSettings[resource.id.toLowerCase()];
  for (const [key, assignment] of Object.entries(state.roleAssignments)) {
    if (scopeCovers(resource.id, assignment.scope)) delete state.roleAssignments[key];
  }
  const principalId = resource.identity?.principalId;
  if (principalId) delete state.principals[principalId];
  await world.store.save();
  await world.hooks.deleted(resource);
}

/** Deleting a group deletes everything in it first. */
export async function deleteGroup(world: AzureWorld, group: StoredResourceGroup): Promise<void> {
  const { state } = world.store;
  for (const resource of Object.values(state.resources)) {
    if (scopeCovers(group.id, resource.id)) await deleteResource(world, resource);
  }
  for (const [key, assignment] of Object.entries(state.roleAssignments)) {
    if (scopeCovers(group.id, assignment.scope)) delete state.roleAssignments[key];
  }
  delete state.resourceGroups[group.name.toLowerCase()];
  await world.store.save();
}

/** Finishes async operations whose time has come (called before every request and on a timer). */
export async function settle(world: AzureWorld): Promise<void> {
  const now = world.clock.now();
  const { state } = world.store;
  let changed = false;
  for (const resource of Object.values(state.resources)) {
    if (!resource.pending || resource.pending.until > now) continue;
    if (resource.pending.state === 'Deleting') await deleteResource(world, resource);
    else delete resource.pending;
    changed = true;
  }
  for (const group of Object.values(state.resourceGroups)) {
    if (group.deletingUntil !== undefined && group.deletingUntil <= now) {
      await deleteGroup(world, group);
      changed = true;
    }
  }
  for (const [id, operation] of Object.entries(state.operations)) {
    if (operation.doneAt + 3_600_000 < now) {
      delete state.operations[id];
      changed = true;
    }
  }
  if (changed) await world.store.save();
}
