import type { StoredResource } from '../state.ts';
import type { AzureWorld } from '../world.ts';
import { ArmError } from './arm-error.ts';
import type { ArmReply, ArmRequest } from './arm-route.ts';
import { objectBody, tagsOf, type JsonObject } from './bodies.ts';
import { normaliseLocation } from './locations.ts';
import { chooseShape, startOperation } from './lro.ts';
import { deleteResource, findResource, renderResource, requireGroup, resourceId } from './resources.ts';

export interface ResourceKind {
  /** `Microsoft.ContainerRegistry/registries`... */
  readonly type: string;
  readonly namespace: string;
  /** Throws the provider's error for a bad name. */
  readonly checkName: (name: string) => void;
  /** For globally unique (DNS) names: the 409 when another resource of this type has it anywhere. */
  readonly nameTaken?: (name: string) => ArmError;
  /**
   * How the provider answers an async create: ACR 201 + Azure-AsyncOperation, App Service 202 +
   * Azure-AsyncOperation and Location.
   */
  readonly asyncCreateStatus: 201 | 202;
  /** Provider-specific validation and the stored shape (the wire `properties` and envelope fields). */
  readonly build: (
    world: AzureWorld,
    input: JsonObject,
    context: { existing?: StoredResource; id: string; name: string; location: string; resourceGroup: string },
  ) => Promise<Pick<StoredResource, 'properties'> & Partial<Pick<StoredResource, 'sku' | 'kind' | 'identity'>>>;
}

/**
 * PUT of a tracked resource, the ARM way: group must exist, name rules, global uniqueness,
 * location fixed once created, 201/200, and sync or async answers chosen by the seed.
 */
export async function upsertResource(world: AzureWorld, request: ArmRequest, kind: ResourceKind, name: string): Promise<{ reply: ArmReply; resource: StoredResource; created: boolean }> {
  const group = requireGroup(world, request.params.subscriptionId as string, request.params.resourceGroupName as string);
  kind.checkName(name);
  const input = objectBody(request.body);
  const id = resourceId(world.store.state.subscriptionId, group.name, kind.type, name);
  const existing = findResource(world, id);
  const sameName = Object.values(world.store.state.resources).find(
    (resource) => resource.type === kind.type && resource.name.toLowerCase() === name.toLowerCase() && resource.id.toLowerCase() !== id.toLowerCase(),
  );
  if (sameName && kind.nameTaken) throw kind.nameTaken(name);
  if (existing?.pending?.state === 'Deleting') {
    throw new ArmError(409, 'Conflict', `The resource '${kind.type}/${name}' is being deleted and cannot be updated until the deletion completes.`);
  }
  const location = normaliseLocation(input.location, kind.type);
  if (existing && existing.location !== location) {
    throw new ArmError(
      400,
      'InvalidResourceLocation',
      `The resource '${name}' already exists in location '${existing.location}' in resource group '${group.name}'. A resource with the same name cannot be created in location '${location}'. Please select a new resource name.`,
    );
  }
  const tags = tagsOf(input.tags);
  const built = await kind.build(world, input, { existing, id, name, location, resourceGroup: group.name });
  const resource: StoredResource = {
    id: existing?.id ?? id,
    name: existing?.name ?? name,
    type: kind.type,
    resourceGroup: group.name,
    location,
    createdAt: existing?.createdAt ?? new Date(world.clock.now()).toISOString(),
    tags,
    ...built,
  };
  const shape = existing ? 'sync' : chooseShape(world, 'PUT', id);
  let headers: Record<string, string> = {};
  if (shape === 'async') {
    const operation = await startOperation(world, { resourceId: resource.id, method: 'PUT', namespace: kind.namespace, location, apiVersion: request.apiVersion });
    headers = operation.headers;
    if (kind.asyncCreateStatus === 201) delete headers.Location;
    resource.pending = { state: 'Creating', until: operation.doneAt };
  }
  world.store.state.resources[id.toLowerCase()] = resource;
  await world.store.save();
  const status = shape === 'async' ? kind.asyncCreateStatus : 200;
  return { reply: { status, headers, body: renderResource(world, resource) }, resource, created: !existing };
}

/** DELETE of a tracked resource: 204 when absent, else 200 or 202 + Location by the seed. */
export async function deleteTrackedResource(world: AzureWorld, request: ArmRequest, resource: StoredResource | undefined, options: { readonly asyncAllowed: boolean; readonly namespace: string }): Promise<ArmReply> {
  if (!resource) return { status: 204 };
  const deleting = resource.pending?.state === 'Deleting';
  if (deleting || (options.asyncAllowed && chooseShape(world, 'DELETE', resource.id) === 'async')) {
    // A repeated DELETE joins the deletion in flight: its operation ends when the resource is gone.
    const { headers, doneAt } = await startOperation(world, {
      resourceId: resource.id,
      method: 'DELETE',
      namespace: options.namespace,
      location: resource.location,
      apiVersion: request.apiVersion,
      doneAt: deleting ? resource.pending?.until : undefined,
    });
    delete headers['Azure-AsyncOperation'];
    resource.pending = { state: 'Deleting', until: doneAt };
    await world.store.save();
    return { status: 202, headers };
  }
  await deleteResource(world, resource);
  return { status: 200 };
}
