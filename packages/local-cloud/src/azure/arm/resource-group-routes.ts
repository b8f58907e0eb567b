import type { StoredResourceGroup } from '../state.ts';
import type { AzureWorld } from '../world.ts';
import { ArmError, resourceGroupNotFound } from './arm-error.ts';
import type { ArmRoute } from './arm-route.ts';
import { objectBody, optionalObject, tagsOf } from './bodies.ts';
import { normaliseLocation } from './locations.ts';
import { startOperation } from './lro.ts';
import { renderResource, requireGroup, requireSubscription } from './resources.ts';

const groupPath = '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}';
const groupAction = (verb: string) => `Microsoft.Resources/subscriptions/resourceGroups/${verb}`;
const groupScope = (params: Record<string, string>) => `/subscriptions/${params.subscriptionId}/resourceGroups/${params.resourceGroupName}`;

/** 1–90 letters, digits, `-._()`, not ending in a period (ARM's rule and wording). */
export function checkGroupName(name: string): void {
  const invalid = [...new Set(name.replace(/[\p{L}\p{N}\-._()]/gu, ''))].join('');
  if (invalid !== '') {
    throw new ArmError(
      400,
      'InvalidResourceGroup',
      `The provided resource group name '${name}' has these invalid characters: '${invalid}'. The name can only be a letter, digit, '-', '.', '(', ')' or '_'. For more details, visit https://aka.ms/resource-group-naming.`,
    );
  }
  if (name.length < 1 || name.length > 90 || name.endsWith('.')) {
    throw new ArmError(400, 'InvalidResourceGroup', `The provided resource group name '${name}' is invalid: it must be 1 to 90 characters long and must not end with a period. For more details, visit https://aka.ms/resource-group-naming.`);
  }
}

function renderGroup(group: StoredResourceGroup) {
  return {
    id: group.id,
    name: group.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: group.location,
    ...(Object.keys(group.tags).length === 0 ? {} : { tags: group.tags }),
    ...(group.managedBy === undefined ? {} : { managedBy: group.managedBy }),
    properties: { provisioningState: group.deletingUntil === undefined ? 'Succeeded' : 'Deleting' },
  };
}

/** `$filter=tagName eq 'a' and tagValue eq 'b'`, the one filter the list understands (as ARM does). */
function tagFilter(filter: string | null): ((group: StoredResourceGroup) => boolean) | undefined {
  if (!filter) return undefined;
  const match = /^tagName eq '([^']*)'(?: and tagValue eq '([^']*)')?$/i.exec(filter.trim());
  if (!match) throw new ArmError(400, 'InvalidFilterInQueryString', `Invalid $filter '${filter}' specified in the query string.`);
  const [, name, value] = match as unknown as [string, string, string | undefined];
  return (group) => {
    const key = Object.keys(group.tags).find((tag) => tag.toLowerCase() === name.toLowerCase());
    return key !== undefined && (value === undefined || group.tags[key] === value);
  };
}

async function putGroup(world: AzureWorld, params: Record<string, string>, body: unknown) {
  requireSubscription(world, params.subscriptionId as string);
  const name = params.resourceGroupName as string;
  checkGroupName(name);
  const input = objectBody(body);
  const location = normaliseLocation(input.location, 'resourceGroups');
  const tags = tagsOf(input.tags);
  const { state } = world.store;
  const existing = state.resourceGroups[name.toLowerCase()];
  if (existing?.deletingUntil !== undefined) {
    throw new ArmError(409, 'ResourceGroupBeingDeleted', `The resource group '${existing.name}' is in deprovisioning state and cannot perform this operation.`);
  }
  if (existing && existing.location !== location) {
    throw new ArmError(409, 'InvalidResourceGroupLocation', `Invalid resource group location '${location}'. The Resource group already exists in location '${existing.location}'.`);
  }
  const managedBy = typeof input.managedBy === 'string' ? input.managedBy : undefined;
  optionalObject(input.properties, 'properties');
  const group: StoredResourceGroup = existing
    ? Object.assign(existing, { tags, managedBy })
    : { id: `/subscriptions/${state.subscriptionId}/resourceGroups/${name}`, name, location, tags, managedBy };
  state.resourceGroups[name.toLowerCase()] = group;
  await world.store.save();
  return { status: existing ? 200 : 201, body: renderGroup(group) };
}

export const resourceGroupRoutes: ArmRoute[] = [
  {
    method: 'GET',
    pattern: '/subscriptions',
    family: 'subscriptions',
    resourceType: 'subscriptions',
    permission: (_params, world) => ({ action: 'Microsoft.Resources/subscriptions/read', scope: `/subscriptions/${world.store.state.subscriptionId}` }),
    handle: (_request, world) => ({ status: 200, body: { value: [renderSubscription(world)], count: { type: 'Total', value: 1 } } }),
  },
  {
    method: 'GET',
    pattern: '/subscriptions/{subscriptionId}',
    family: 'subscriptions',
    resourceType: 'subscriptions',
    permission: (params) => ({ action: 'Microsoft.Resources/subscriptions/read', scope: `/subscriptions/${params.subscriptionId}` }),
    handle: (request, world) => {
      requireSubscription(world, request.params.subscriptionId as string);
      return { status: 200, body: renderSubscription(world) };
    },
  },
  {
    method: 'GET',
    pattern: '/subscriptions/{subscriptionId}/resourcegroups',
    family: 'resources',
    resourceType: 'resourceGroups',
    permission: (params) => ({ action: groupAction('read'), scope: `/subscriptions/${params.subscriptionId}` }),
    handle: (request, world) => {
      requireSubscription(world, request.params.subscriptionId as string);
      const keep = tagFilter(request.query.get('$filter')) ?? (() => true);
      return { status: 200, body: { value: Object.values(world.store.state.resourceGroups).filter(keep).map(renderGroup) } };
    },
  },
  {
    method: 'PUT',
    pattern: groupPath,
    family: 'resources',
    resourceType: 'resourceGroups',
    permission: (params) => ({ action: groupAction('write'), scope: groupScope(params) }),
    handle: (request, world) => putGroup(world, request.params, request.body),
  },
  {
    method: 'PATCH',
    pattern: groupPath,
    family: 'resources',
    resourceType: 'resourceGroups',
    permission: (params) => ({ action: groupAction('write'), scope: groupScope(params) }),
    handle: async (request, world) => {
      const group = requireGroup(world, request.params.subscriptionId as string, request.params.resourceGroupName as string);
      const input = objectBody(request.body);
      if (input.tags !== undefined) group.tags = tagsOf(input.tags);
      if (typeof input.managedBy === 'string') group.managedBy = input.managedBy;
      await world.store.save();
      return { status: 200, body: renderGroup(group) };
    },
  },
  {
    method: 'GET',
    pattern: groupPath,
    family: 'resources',
    resourceType: 'resourceGroups',
    permission: (params) => ({ action: groupAction('read'), scope: groupScope(params) }),
    handle: (request, world) => ({
      status: 200,
      body: renderGroup(requireGroup(world, request.params.subscriptionId as string, request.params.resourceGroupName as string)),
    }),
  },
  {
    method: 'HEAD',
    pattern: groupPath,
    family: 'resources',
    resourceType: 'resourceGroups',
    permission: (params) => ({ action: groupAction('read'), scope: groupScope(params) }),
    handle: (request, world) => {
      requireSubscription(world, request.params.subscriptionId as string);
      return { status: world.store.state.resourceGroups[(request.params.resourceGroupName as string).toLowerCase()] ? 204 : 404 };
    },
  },
  {
    // ARM always deletes a group asynchronously: 202 + Location, polled until 200.
    method: 'DELETE',
    pattern: groupPath,
    family: 'resources',
    resourceType: 'resourceGroups',
    permission: (params) => ({ action: groupAction('delete'), scope: groupScope(params) }),
    handle: async (request, world) => {
      requireSubscription(world, request.params.subscriptionId as string);
      const group = world.store.state.resourceGroups[(request.params.resourceGroupName as string).toLowerCase()];
      if (!group) throw resourceGroupNotFound(request.params.resourceGroupName as string);
      // A repeated DELETE joins the deletion in flight: its operation ends when the group is gone.
      const { headers, doneAt } = await startOperation(world, {
        resourceId: group.id,
        method: 'DELETE',
        namespace: 'Microsoft.Resources',
        location: group.location,
        apiVersion: request.apiVersion,
        doneAt: group.deletingUntil,
      });
      group.deletingUntil = doneAt;
      await world.store.save();
      return { status: 202, headers };
    },
  },
  {
    method: 'GET',
    pattern: `${groupPath}/resources`,
    family: 'resources',
    resourceType: 'resourceGroups',
    permission: (params) => ({ action: groupAction('read'), scope: groupScope(params) }),
    handle: (request, world) => {
      const group = requireGroup(world, request.params.subscriptionId as string, request.params.resourceGroupName as string);
      const value = Object.values(world.store.state.resources)
        .filter((resource) => resource.resourceGroup.toLowerCase() === group.name.toLowerCase())
        .map((resource) => {
          const { properties: _properties, systemData: _systemData, ...summary } = renderResource(world, resource);
          return summary;
        });
      return { status: 200, body: { value } };
    },
  },
];

function renderSubscription(world: AzureWorld) {
  const { subscriptionId, tenantId } = world.store.state;
  return {
    id: `/subscriptions/${subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId,
    tenantId,
    displayName: 'skylift local subscription',
    state: 'Enabled',
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
  };
}
