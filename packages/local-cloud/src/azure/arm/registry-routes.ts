import type { AzureWorld } from '../world.ts';
import { ArmError } from './arm-error.ts';
import type { ArmRoute } from './arm-route.ts';
import { objectBody, optionalObject, tagsOf } from './bodies.ts';
import { findResource, renderResource, requireGroup, requireResource, requireSubscription, resourceId, resourcesOfType } from './resources.ts';
import { deleteTrackedResource, upsertResource, type ResourceKind } from './upsert-resource.ts';

const type = 'Microsoft.ContainerRegistry/registries';
const registryPath = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerRegistry/registries/{registryName}';
const skus = ['Basic', 'Standard', 'Premium'];

const invalidNameMessage = 'Registry names may contain only alpha numeric characters and must be between 5 and 50 characters.';
export const isValidRegistryName = (name: string) => /^[a-zA-Z0-9]{5,50}$/.test(name);
const takenMessage = (name: string) =>
  `The registry DNS name ${name.toLowerCase()}.azurecr.io is already in use. You can check if the name is already claimed using following API: https://docs.microsoft.com/en-us/rest/api/containerregistry/registries/checknameavailability`;

function skuOf(value: unknown) {
  const sku = optionalObject(value, 'sku');
  const name = typeof sku?.name === 'string' ? skus.find((known) => known.toLowerCase() === (sku.name as string).toLowerCase()) : undefined;
  if (!name) throw new ArmError(400, 'InvalidSku', `The SKU '${String(sku?.name)}' is not valid for a container registry. Valid SKUs are: ${skus.join(', ')}.`);
  return { name, tier: name };
}

const registryKind: ResourceKind = {
  type,
  namespace: 'Microsoft.ContainerRegistry',
  checkName: (name) => {
    if (!isValidRegistryName(name)) throw new ArmError(400, 'InvalidResourceName', invalidNameMessage);
  },
  nameTaken: (name) => new ArmError(409, 'AlreadyInUse', takenMessage(name)),
  asyncCreateStatus: 201,
  build: async (world, input, { existing, id }) => {
    const properties = optionalObject(input.properties, 'properties') ?? {};
    const sku = skuOf(input.sku);
    const adminUserEnabled = properties.adminUserEnabled === true;
    const loginServer = (existing?.properties.loginServer as string | undefined) ?? (await world.hooks.endpointFor({ id, type }));
    return {
      sku,
      properties: {
        loginServer,
        creationDate: (existing?.properties.creationDate as string | undefined) ?? new Date(world.clock.now()).toISOString(),
        provisioningState: 'Succeeded',
        adminUserEnabled,
        policies: {
          quarantinePolicy: { status: 'disabled' },
          trustPolicy: { type: 'Notary', status: 'disabled' },
          retentionPolicy: { days: 7, lastUpdatedTime: new Date(world.clock.now()).toISOString(), status: 'disabled' },
          exportPolicy: { status: 'enabled' },
          azureADAuthenticationAsArmPolicy: { status: 'enabled' },
        },
        encryption: { status: 'disabled' },
        dataEndpointEnabled: false,
        dataEndpointHostNames: [],
        privateEndpointConnections: [],
        publicNetworkAccess: 'Enabled',
        networkRuleBypassOptions: 'AzureServices',
        networkRuleBypassAllowedForTasks: false,
        zoneRedundancy: 'Disabled',
        anonymousPullEnabled: false,
        roleAssignmentMode: 'LegacyRegistryPermissions',
      },
    };
  },
};

const permission = (verb: string) => (params: Record<string, string>) => ({
  action: `Microsoft.ContainerRegistry/registries/${verb}`,
  scope: `/subscriptions/${params.subscriptionId}/resourceGroups/${params.resourceGroupName}/providers/${type}/${params.registryName}`,
});

function nameStatus(world: AzureWorld, body: unknown) {
  const input = objectBody(body);
  if (typeof input.name !== 'string') throw new ArmError(400, 'InvalidRequestContent', "The request content was invalid and could not be deserialized: 'name' is required.");
  if (input.type !== type) throw new ArmError(400, 'InvalidResourceType', `The resource type '${String(input.type)}' is not supported: use '${type}'.`);
  if (!isValidRegistryName(input.name)) return { nameAvailable: false, reason: 'Invalid', message: invalidNameMessage };
  const taken = Object.values(world.store.state.resources).some((resource) => resource.type === type && resource.name.toLowerCase() === (input.name as string).toLowerCase());
  return taken ? { nameAvailable: false, reason: 'AlreadyExists', message: takenMessage(input.name) } : { nameAvailable: true };
}

export const registryRoutes: ArmRoute[] = [
  {
    method: 'POST',
    pattern: '/subscriptions/{subscriptionId}/providers/Microsoft.ContainerRegistry/checkNameAvailability',
    family: 'containerRegistry',
    resourceType: 'checkNameAvailability',
    permission: (params) => ({ action: 'Microsoft.ContainerRegistry/checkNameAvailability/read', scope: `/subscriptions/${params.subscriptionId}` }),
    handle: (request, world) => {
      requireSubscription(world, request.params.subscriptionId as string);
      return { status: 200, body: nameStatus(world, request.body) };
    },
  },
  {
    method: 'GET',
    pattern: '/subscriptions/{subscriptionId}/providers/Microsoft.ContainerRegistry/registries',
    family: 'containerRegistry',
    resourceType: 'registries',
    permission: (params) => ({ action: 'Microsoft.ContainerRegistry/registries/read', scope: `/subscriptions/${params.subscriptionId}` }),
    handle: (request, world) => {
      requireSubscription(world, request.params.subscriptionId as string);
      return { status: 200, body: { value: resourcesOfType(world, type, `/subscriptions/${world.store.state.subscriptionId}`).map((resource) => renderResource(world, resource)) } };
    },
  },
  {
    method: 'GET',
    pattern: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerRegistry/registries',
    family: 'containerRegistry',
    resourceType: 'registries',
    permission: (params) => ({ action: 'Microsoft.ContainerRegistry/registries/read', scope: `/subscriptions/${params.subscriptionId}/resourceGroups/${params.resourceGroupName}` }),
    handle: (request, world) => {
      const group = requireGroup(world, request.params.subscriptionId as string, request.params.resourceGroupName as string);
      return { status: 200, body: { value: resourcesOfType(world, type, group.id).map((resource) => renderResource(world, resource)) } };
    },
  },
  {
    method: 'PUT',
    pattern: registryPath,
    family: 'containerRegistry',
    resourceType: 'registries',
    permission: permission('write'),
    handle: async (request, world) => {
      const { reply, resource, created } = await upsertResource(world, request, registryKind, request.params.registryName as string);
      world.hooks.changed(resource, created ? 'created' : 'updated');
      return reply;
    },
  },
  {
    method: 'PATCH',
    pattern: registryPath,
    family: 'containerRegistry',
    resourceType: 'registries',
    permission: permission('write'),
    handle: async (request, world) => {
      const resource = requireResource(world, request.params, type, request.params.registryName as string);
      const input = objectBody(request.body);
      if (input.tags !== undefined) resource.tags = tagsOf(input.tags);
      if (input.sku !== undefined) resource.sku = skuOf(input.sku);
      const properties = optionalObject(input.properties, 'properties');
      if (typeof properties?.adminUserEnabled === 'boolean') resource.properties.adminUserEnabled = properties.adminUserEnabled;
      await world.store.save();
      return { status: 200, body: renderResource(world, resource) };
    },
  },
  {
    method: 'GET',
    pattern: registryPath,
    family: 'containerRegistry',
    resourceType: 'registries',
    permission: permission('read'),
    handle: (request, world) => ({ status: 200, body: renderResource(world, requireResource(world, request.params, type, request.params.registryName as string)) }),
  },
  {
    method: 'DELETE',
    pattern: registryPath,
    family: 'containerRegistry',
    resourceType: 'registries',
    permission: permission('delete'),
    handle: (request, world) => {
      const group = requireGroup(world, request.params.subscriptionId as string, request.params.resourceGroupName as string);
      const resource = findResource(world, resourceId(world.store.state.subscriptionId, group.name, type, request.params.registryName as string));
      return deleteTrackedResource(world, request, resource, { asyncAllowed: true, namespace: 'Microsoft.ContainerRegistry' });
    },
  },
];
