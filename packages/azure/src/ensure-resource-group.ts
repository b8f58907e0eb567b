import type { ArmClients } from './arm-clients.ts';
import { armCall, armGet } from './arm-call.ts';
import { AzureNotOurs } from './errors.ts';
import { validateName } from './names.ts';
import { notOursBecause, skyliftTags } from './tags.ts';

export interface ResourceGroupSpec {
  readonly name: string;
  readonly location: string;
  /** The skylift project; goes into the `skylift-project` tag. */
  readonly project: string;
}

export interface EnsuredResourceGroup {
  readonly id: string;
  readonly name: string;
  readonly location: string;
  /** False when it already existed (a re-run). */
  readonly created: boolean;
}

/**
 * Creates the group with skylift's tags, or accepts one skylift made for this project before. A
 * group someone else made is refused, never adopted: `down` deletes groups, and it must never
 * delete one it was lent.
 */
export async function ensureResourceGroup(clients: ArmClients, spec: ResourceGroupSpec): Promise<EnsuredResourceGroup> {
  validateName('resourceGroup', spec.name);
  validateName('location', spec.location);
  const resource = `resource group "${spec.name}"`;
  const existing = await armGet(resource, clients.retry, () => clients.resources.resourceGroups.get(spec.name));
  if (existing !== undefined) {
    const why = notOursBecause(existing.tags, spec.project);
    if (why !== undefined) throw AzureNotOurs(resource, why);
    return { id: existing.id!, name: spec.name, location: existing.location, created: false };
  }
  const created = await armCall(resource, clients.retry, () =>
    clients.resources.resourceGroups.createOrUpdate(spec.name, { location: spec.location, tags: skyliftTags(spec.project) }),
  );
  return { id: created.id!, name: spec.name, location: created.location, created: true };
}
