import type { Stage, StageIo } from '../stage.ts';
import type { OnProgress } from '../ports.ts';
import type { PromotePlan } from '../plan.ts';
import type { ResourceKind, ResourceRecord } from '../ledger-section.ts';
import { withResource } from '../ledger-section.ts';

export interface ProvisionInput {
  readonly plan: PromotePlan;
  /** Tag the site is created with; push makes it exist and deploy restarts the site onto it. */
  readonly initialImageTag: string;
  readonly port: number;
  readonly healthPath: string;
  readonly planSku: string;
}

export interface ProvisionOutput {
  readonly resourceGroupId: string;
  readonly registryId: string;
  readonly loginServer: string;
  readonly planId: string;
  readonly siteId: string;
  readonly defaultHostName: string;
  readonly principalId: string;
  readonly acrPullId: string;
}

type Created = Partial<Omit<ResourceRecord, 'name' | 'status' | 'createdAt'>> & { readonly id: string };

/**
 * Intent log: the ledger says `creating` before the call and `ready` after it. A resource already
 * `ready` is not touched again (no call, no duplicate); one left `creating` by a crash is ensured
 * again, which the idempotent ensure* calls make safe, and `down` deletes it either way.
 */
async function ensureStep(
  io: StageIo,
  kind: ResourceKind,
  record: { name: string; tier?: string },
  onProgress: OnProgress,
  create: () => Promise<Created>,
): Promise<ResourceRecord & { id: string }> {
  const recorded = io.ledger.get().resources[kind];
  if (recorded?.status === 'ready' && recorded.id) return { ...recorded, id: recorded.id };
  onProgress(`${kind} ${record.name}`);
  const intent: ResourceRecord = { ...record, status: 'creating', createdAt: recorded?.createdAt ?? io.clock.now().toISOString() };
  await io.ledger.update((current) => withResource(current, kind, intent));
  const result = await create();
  // Only the facts later stages and `down` read: adapters may return more than the ledger should keep.
  const created: Created = {
    id: result.id,
    ...(result.loginServer ? { loginServer: result.loginServer } : {}),
    ...(result.defaultHostName ? { defaultHostName: result.defaultHostName } : {}),
    ...(result.principalId ? { principalId: result.principalId } : {}),
  };
  await io.ledger.update((current) => withResource(current, kind, { ...intent, ...created, status: 'ready' }));
  return { ...intent, ...created, status: 'ready' };
}

export const provisionStage: Stage<ProvisionInput, ProvisionOutput> = {
  name: 'provision',
  title: 'Provision resource group, registry, plan, web app, AcrPull',
  key: ({ plan, planSku, port, healthPath }) =>
    JSON.stringify([plan.subscriptionId, plan.location, plan.names, planSku, port, healthPath]),
  async run(input, io, onProgress) {
    const { names, location } = input.plan;
    const { cloud } = io;
    const project = names.project;
    const resourceGroup = names.resourceGroup;
    const group = await ensureStep(io, 'resourceGroup', { name: resourceGroup }, onProgress, () =>
      cloud.ensureResourceGroup({ name: resourceGroup, location, project }, onProgress),
    );
    const registry = await ensureStep(io, 'registry', { name: names.registry, tier: 'Basic' }, onProgress, () =>
      cloud.ensureRegistry({ resourceGroup, name: names.registry, location, project }, onProgress),
    );
    const plan = await ensureStep(io, 'plan', { name: names.plan, tier: input.planSku }, onProgress, () =>
      cloud.ensurePlan({ resourceGroup, name: names.plan, location, project, sku: input.planSku }, onProgress),
    );
    const loginServer = registry.loginServer as string;
    const site = await ensureStep(io, 'site', { name: names.site }, onProgress, () =>
      cloud.ensureSite(
        {
          resourceGroup,
          name: names.site,
          location,
          project,
          planId: plan.id,
          image: { loginServer, repository: names.repository, tag: input.initialImageTag },
          port: input.port,
          healthCheckPath: input.healthPath,
        },
        onProgress,
      ),
    );
    const principalId = site.principalId as string;
    const acrPull = await ensureStep(io, 'acrPull', { name: `AcrPull for ${names.site} on ${names.registry}` }, onProgress, async () => ({
      ...(await cloud.ensureAcrPull({ registryId: registry.id, principalId }, onProgress)),
      principalId,
    }));
    return {
      resourceGroupId: group.id,
      registryId: registry.id,
      loginServer,
      planId: plan.id,
      siteId: site.id,
      defaultHostName: site.defaultHostName as string,
      principalId,
      acrPullId: acrPull.id,
    };
  },
};
