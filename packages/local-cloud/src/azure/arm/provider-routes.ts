import type { AzureWorld } from '../world.ts';
import { apiVersions, type ApiFamily } from './api-versions.ts';
import { ArmError } from './arm-error.ts';
import type { ArmRoute } from './arm-route.ts';
import { requireSubscription } from './resources.ts';

/** The providers the emulator serves, with the resource types it implements: always Registered. */
const providers: Record<string, { family: ApiFamily; types: string[] }> = {
  'Microsoft.ContainerRegistry': { family: 'containerRegistry', types: ['registries', 'checkNameAvailability', 'locations/operationResults'] },
  'Microsoft.Web': { family: 'web', types: ['serverfarms', 'sites', 'locations/operationResults'] },
  'Microsoft.Authorization': { family: 'roleAssignments', types: ['roleAssignments', 'roleDefinitions'] },
};

function renderProvider(world: AzureWorld, namespace: string) {
  const known = providers[namespace] as { family: ApiFamily; types: string[] };
  return {
    id: `/subscriptions/${world.store.state.subscriptionId}/providers/${namespace}`,
    namespace,
    registrationState: 'Registered',
    registrationPolicy: 'RegistrationRequired',
    resourceTypes: known.types.map((resourceType) => ({ resourceType, locations: [], apiVersions: [...apiVersions[known.family]].reverse() })),
  };
}

function providerNamed(world: AzureWorld, params: Record<string, string>): string {
  requireSubscription(world, params.subscriptionId as string);
  const namespace = Object.keys(providers).find((name) => name.toLowerCase() === (params.namespace as string).toLowerCase());
  if (!namespace) throw new ArmError(404, 'InvalidResourceNamespace', `The resource namespace '${params.namespace}' is invalid.`);
  return namespace;
}

const permission = (params: Record<string, string>) => ({ action: 'Microsoft.Resources/subscriptions/providers/read', scope: `/subscriptions/${params.subscriptionId}` });

export const providerRoutes: ArmRoute[] = [
  {
    method: 'GET',
    pattern: '/subscriptions/{subscriptionId}/providers',
    family: 'resources',
    resourceType: 'providers',
    permission,
    handle: (request, world) => {
      requireSubscription(world, request.params.subscriptionId as string);
      return { status: 200, body: { value: Object.keys(providers).map((namespace) => renderProvider(world, namespace)) } };
    },
  },
  {
    method: 'GET',
    pattern: '/subscriptions/{subscriptionId}/providers/{namespace}',
    family: 'resources',
    resourceType: 'providers',
    permission,
    handle: (request, world) => ({ status: 200, body: renderProvider(world, providerNamed(world, request.params)) }),
  },
  {
    method: 'POST',
    pattern: '/subscriptions/{subscriptionId}/providers/{namespace}/register',
    family: 'resources',
    resourceType: 'providers',
    permission: (params) => ({ action: 'Microsoft.Resources/subscriptions/providers/register/action', scope: `/subscriptions/${params.subscriptionId}` }),
    handle: (request, world) => ({ status: 200, body: renderProvider(world, providerNamed(world, request.params)) }),
  },
];
