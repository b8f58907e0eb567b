import type { StoredOperation } from '../state.ts';
import type { AzureWorld } from '../world.ts';
import type { ApiFamily } from './api-versions.ts';
import { ArmError } from './arm-error.ts';
import type { ArmReply, ArmRequest, ArmRoute } from './arm-route.ts';
import { findResource, renderResource, requireSubscription } from './resources.ts';

function requireOperation(world: AzureWorld, request: ArmRequest): StoredOperation {
  requireSubscription(world, request.params.subscriptionId as string);
  const operation = world.store.state.operations[(request.params.operationId as string).toLowerCase()];
  if (!operation) throw new ArmError(404, 'OperationNotFound', `The operation '${request.params.operationId}' could not be found.`);
  return operation;
}

/**
 * Over when its time is up AND the change it stands for is applied: `settle()` applies pending
 * deletes/creates on its own clock reads, so time alone could answer "done" while a GET still sees
 * the group Deleting (seen by packages/azure's teardown tests, ~1 in 6 deletes).
 */
function finished(world: AzureWorld, operation: StoredOperation): boolean {
  if (world.clock.now() < operation.doneAt) return false;
  const id = operation.resourceId.toLowerCase();
  const group = Object.values(world.store.state.resourceGroups).find((candidate) => candidate.id.toLowerCase() === id);
  const resource = findResource(world, id);
  return operation.method === 'DELETE' ? !group && !resource : resource?.pending === undefined;
}

/** Azure-AsyncOperation monitor: always 200, the status in the body. */
function operationStatus(request: ArmRequest, world: AzureWorld): ArmReply {
  const operation = requireOperation(world, request);
  const done = finished(world, operation);
  return {
    status: 200,
    body: {
      id: request.path,
      name: operation.id,
      status: done ? 'Succeeded' : 'InProgress',
      startTime: new Date(operation.startedAt).toISOString(),
      ...(done ? { endTime: new Date(operation.doneAt).toISOString(), percentComplete: 100 } : {}),
    },
  };
}

/** Location monitor: 202 (+ Location, Retry-After) while running, then 200 (the resource for a PUT) or 204. */
function operationResult(request: ArmRequest, world: AzureWorld): ArmReply {
  const operation = requireOperation(world, request);
  if (!finished(world, operation)) {
    const url = `${world.armEndpoint}${request.path}?api-version=${encodeURIComponent(request.apiVersion)}`;
    return { status: 202, headers: { Location: url, 'Retry-After': String(world.lro.retryAfterSeconds) } };
  }
  if (operation.finalBody === 'resource') {
    const resource = findResource(world, operation.resourceId);
    if (resource) return { status: 200, body: renderResource(world, resource) };
  }
  return { status: operation.method === 'DELETE' && request.params.namespace === undefined ? 200 : 204 };
}

function providerOperationRoutes(namespace: string, family: ApiFamily): ArmRoute[] {
  const base = `/subscriptions/{subscriptionId}/providers/${namespace}/locations/{location}`;
  const permission = (params: Record<string, string>) => ({ action: `${namespace}/locations/operationResults/read`, scope: `/subscriptions/${params.subscriptionId}` });
  return [
    { method: 'GET', pattern: `${base}/operationStatuses/{operationId}`, family, resourceType: 'locations/operationStatuses', permission, handle: operationStatus },
    {
      method: 'GET',
      pattern: `${base}/operationResults/{operationId}`,
      family,
      resourceType: 'locations/operationResults',
      permission,
      handle: (request, world) => operationResult({ ...request, params: { ...request.params, namespace } }, world),
    },
  ];
}

export const operationRoutes: ArmRoute[] = [
  {
    method: 'GET',
    pattern: '/subscriptions/{subscriptionId}/operationresults/{operationId}',
    family: 'resources',
    resourceType: 'operationresults',
    permission: (params) => ({ action: 'Microsoft.Resources/subscriptions/read', scope: `/subscriptions/${params.subscriptionId}` }),
    handle: operationResult,
  },
  ...providerOperationRoutes('Microsoft.ContainerRegistry', 'containerRegistry'),
  ...providerOperationRoutes('Microsoft.Web', 'web'),
];
