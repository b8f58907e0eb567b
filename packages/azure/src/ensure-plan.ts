import type { ArmClients } from './arm-clients.ts';
import { lroOptions } from './arm-clients.ts';
import { armCall, armGet } from './arm-call.ts';
import { validateName } from './names.ts';
import { skyliftTags } from './tags.ts';

/** Basic B1 is the smallest tier that runs custom containers without sleeping or quotas on pulls. */
export const DEFAULT_PLAN_SKU = { name: 'B1', tier: 'Basic' } as const;

export interface PlanSpec {
  readonly resourceGroup: string;
  readonly name: string;
  readonly location: string;
  readonly project: string;
  readonly sku?: { readonly name: string; readonly tier: string };
}

export interface EnsuredPlan {
  readonly id: string;
  readonly name: string;
  readonly sku: string;
  readonly created: boolean;
}

/** A Linux plan (`reserved: true` is what makes it Linux; `kind` alone does not). */
export async function ensurePlan(clients: ArmClients, spec: PlanSpec): Promise<EnsuredPlan> {
  validateName('plan', spec.name);
  const resource = `App Service plan "${spec.name}"`;
  const sku = spec.sku ?? DEFAULT_PLAN_SKU;
  const plans = clients.web.appServicePlans;
  const existing = await armGet(resource, clients.retry, () => plans.get(spec.resourceGroup, spec.name));
  if (existing?.reserved === true && existing.sku?.name === sku.name) {
    return { id: existing.id!, name: spec.name, sku: sku.name, created: false };
  }
  const plan = await armCall(resource, clients.retry, () =>
    plans.createOrUpdate(
      spec.resourceGroup,
      spec.name,
      { location: spec.location, kind: 'linux', reserved: true, sku: { ...sku }, tags: skyliftTags(spec.project) },
      lroOptions(clients),
    ),
  );
  return { id: plan.id!, name: spec.name, sku: sku.name, created: existing === undefined };
}
