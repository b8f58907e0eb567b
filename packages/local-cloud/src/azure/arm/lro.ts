import { randomUUID } from 'node:crypto';
import type { AzureWorld } from '../world.ts';

export type ResponseShape = 'sync' | 'async';

/** FNV-1a: a stable hash so a seed always gives the same sync/async choices. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

export function chooseShape(world: AzureWorld, method: string, resourceId: string): ResponseShape {
  if (world.lro.mode !== 'seeded') return world.lro.mode;
  return hash(`${world.lro.seed}:${method}:${resourceId.toLowerCase()}`) % 2 === 0 ? 'sync' : 'async';
}

/** Where an operation is polled: ARM's own form for resource groups, the provider's otherwise. */
function operationPaths(subscriptionId: string, namespace: string, location: string, operationId: string) {
  if (namespace === 'Microsoft.Resources') {
    const result = `/subscriptions/${subscriptionId}/operationresults/${operationId}`;
    return { status: undefined, result };
  }
  const base = `/subscriptions/${subscriptionId}/providers/${namespace}/locations/${location}`;
  return { status: `${base}/operationStatuses/${operationId}`, result: `${base}/operationResults/${operationId}` };
}

/**
 * Records an async operation and answers the headers Azure sends with a 201/202: absolute https
 * poll URLs (`Azure-AsyncOperation` when the provider has a status monitor, `Location` always)
 * and `Retry-After` in seconds.
 */
export async function startOperation(
  world: AzureWorld,
  options: { resourceId: string; method: 'PUT' | 'DELETE'; namespace: string; location: string; apiVersion: string; doneAt?: number },
): Promise<{ headers: Record<string, string>; doneAt: number }> {
  const now = world.clock.now();
  const doneAt = options.doneAt ?? now + world.lro.durationMs;
  const id = randomUUID();
  world.store.state.operations[id] = {
    id,
    resourceId: options.resourceId,
    method: options.method,
    startedAt: now,
    doneAt,
    finalBody: options.method === 'PUT' ? 'resource' : undefined,
  };
  await world.store.save();
  const paths = operationPaths(world.store.state.subscriptionId, options.namespace, options.location, id);
  const query = `?api-version=${encodeURIComponent(options.apiVersion)}`;
  const headers: Record<string, string> = {
    Location: `${world.armEndpoint}${paths.result}${query}`,
    'Retry-After': String(world.lro.retryAfterSeconds),
  };
  if (paths.status) headers['Azure-AsyncOperation'] = `${world.armEndpoint}${paths.status}${query}`;
  // The resource's own state must flip at the same instant the operation reports done.
  return { headers, doneAt };
}
