import type { ArmClients } from './arm-clients.ts';
import { lroOptions } from './arm-clients.ts';
import { armDelete, armGet } from './arm-call.ts';
import { AzureNotOurs } from './errors.ts';
import { notOursBecause } from './tags.ts';

/** What skylift recorded creating (the ledger's azure section, or a subset of it). */
export interface TeardownList {
  readonly resourceGroup: string;
  /** The project the group must be tagged for; without it any skylift-tagged group qualifies. */
  readonly project?: string;
  /** Delete the group itself (and so anything left in it). Only ever a group skylift created. */
  readonly deleteResourceGroup?: boolean;
  readonly site?: string;
  readonly plan?: string;
  readonly registry?: string;
  readonly roleAssignment?: { readonly scope: string; readonly name: string };
}

export interface TeardownStep {
  readonly resource: string;
  readonly outcome: 'deleted' | 'already gone';
}

/**
 * Deletes exactly what the list names, dependants first (grant, site, plan, registry, group). The
 * group's tags are checked before the first delete, so a refusal loses nothing.
 */
export async function teardown(
  clients: ArmClients,
  list: TeardownList,
  onStep: (step: TeardownStep) => void = () => {},
): Promise<TeardownStep[]> {
  const rg = list.resourceGroup;
  const groupResource = `resource group "${rg}"`;
  const group = await armGet(groupResource, clients.retry, () => clients.resources.resourceGroups.get(rg));
  const steps: TeardownStep[] = [];
  const record = (resource: string, deleted: boolean) => {
    const step: TeardownStep = { resource, outcome: deleted ? 'deleted' : 'already gone' };
    steps.push(step);
    onStep(step);
  };
  if (group === undefined) {
    record(groupResource, false);
    return steps;
  }
  const why = notOursBecause(group.tags, list.project);
  if (why !== undefined) throw AzureNotOurs(groupResource, why);

  const { roleAssignment, site, plan, registry } = list;
  const retry = clients.retry;
  if (roleAssignment !== undefined) {
    const resource = `AcrPull role assignment ${roleAssignment.name}`;
    // ARM answers 204 with no body when there was nothing to delete, 404 when the scope is gone too.
    const deleted = await armGet(resource, retry, () =>
      clients.authorization.roleAssignments.delete(roleAssignment.scope, roleAssignment.name),
    );
    record(resource, deleted?.id !== undefined);
  }
  if (site !== undefined) {
    const resource = `web app "${site}"`;
    record(resource, await armDelete(resource, retry, () => clients.web.webApps.delete(rg, site)));
  }
  if (plan !== undefined) {
    const resource = `App Service plan "${plan}"`;
    record(resource, await armDelete(resource, retry, () => clients.web.appServicePlans.delete(rg, plan)));
  }
  if (registry !== undefined) {
    const resource = `registry "${registry}"`;
    record(resource, await armDelete(resource, retry, () => clients.registries.registries.delete(rg, registry, lroOptions(clients))));
  }
  if (list.deleteResourceGroup === true) {
    record(groupResource, await armDelete(groupResource, retry, () => clients.resources.resourceGroups.delete(rg, lroOptions(clients))));
  }
  return steps;
}
