import type { PromoteNames } from './names.ts';
import { deriveNames, validateNames } from './names.ts';
import type { PromoteOptions } from './options.ts';
import { defaultLocation } from './options.ts';
import type { Price, PriceTable, PricedKind } from './prices.ts';
import { priceOf } from './prices.ts';
import type { PromoteSection, ResourceKind, StageName } from './ledger-section.ts';
import { resourceKinds, stageNames } from './ledger-section.ts';
import { ForeignResourceGroup, InvalidOption, LedgerTargetMismatch } from './errors.ts';

/** `resume`: a create was started and not confirmed (a crash); it is ensured again. */
export type ResourceAction = 'create' | 'keep' | 'resume';

export interface PlannedResource {
  readonly kind: ResourceKind;
  readonly name: string;
  /** The Azure resource type, so the plan reads like the portal. */
  readonly type: string;
  readonly tier?: string;
  readonly action: ResourceAction;
  readonly price?: Price;
}

export interface PlannedRemoval {
  readonly kind: ResourceKind;
  readonly name: string;
}

export interface PromotePlan {
  readonly target: PromoteOptions['target'];
  readonly cloud: string;
  readonly subscriptionId: string;
  readonly location: string;
  readonly names: PromoteNames;
  readonly resources: readonly PlannedResource[];
  readonly stages: readonly StageName[];
  /** The image the site runs now (from the ledger), the one a rollback would go back to. */
  readonly currentImage?: string;
  readonly monthly: {
    readonly total: number;
    readonly currency: string;
    readonly approximate: boolean;
    /** Tiers the price table does not know for this cloud/region. */
    readonly unknown: readonly string[];
    readonly pricingPage: string;
  };
  readonly prices: { readonly asOf: string; readonly note: string };
  /** What `skylift down` would remove once this run is done. */
  readonly down: readonly PlannedRemoval[];
  readonly tags: Record<string, string>;
}

const azureTypes: Record<ResourceKind, string> = {
  resourceGroup: 'Microsoft.Resources/resourceGroups',
  registry: 'Microsoft.ContainerRegistry/registries',
  plan: 'Microsoft.Web/serverfarms (Linux)',
  site: 'Microsoft.Web/sites (Web App for Containers)',
  acrPull: 'Microsoft.Authorization/roleAssignments (AcrPull on the registry)',
};

const pricedKinds: Partial<Record<ResourceKind, PricedKind>> = { plan: 'appServicePlan', registry: 'registry' };

export function skyliftTags(project: string): Record<string, string> {
  return { 'managed-by': 'skylift', 'skylift-project': project };
}

/** True when `actual` carries every tag skylift puts on what it creates. */
export function tagsMatch(actual: Record<string, string> | undefined, expected: Record<string, string>): boolean {
  return Object.entries(expected).every(([key, value]) => actual?.[key] === value);
}

/**
 * What a promote run will create or keep, what it costs per month and what `down` would remove:
 * a pure function of the options, the identity the credential resolved to, the ledger and the price
 * table. `--dry-run` prints it and stops; a real run follows it.
 */
export function planPromote(input: {
  options: PromoteOptions;
  subscriptionId: string;
  ledger: PromoteSection | undefined;
  prices: PriceTable;
  /** The resource group as the cloud has it now (a read-only look-up), undefined when absent. */
  existingGroup?: { readonly tags: Record<string, string> } | undefined;
}): PromotePlan {
  const { options, ledger, prices } = input;
  const cloud = options.target === 'local' ? 'local' : options.cloud;
  if (ledger && (ledger.target !== options.target || ledger.cloud !== cloud)) {
    throw LedgerTargetMismatch(`${ledger.target} (${ledger.cloud})`, `${options.target} (${cloud})`);
  }
  const names = ledger?.names ?? deriveNames({ ...options, subscriptionId: input.subscriptionId });
  if (ledger && options.name !== undefined && options.name !== ledger.names.site) {
    throw InvalidOption('--name', options.name, `this project is already promoted as ${ledger.names.site}; run \`skylift down\` before renaming`);
  }
  validateNames(names);
  const location = ledger?.location ?? options.location ?? defaultLocation[cloud] ?? 'eastus';
  if (ledger && options.location !== undefined && options.location !== ledger.location) {
    throw InvalidOption('--location', options.location, `this project already lives in ${ledger.location}; run \`skylift down\` before moving it`);
  }
  const tags = skyliftTags(names.project);
  if (!ledger && input.existingGroup && !tagsMatch(input.existingGroup.tags, tags)) {
    // `down` deletes groups: adopting one skylift did not make could delete someone else's work.
    throw ForeignResourceGroup(names.resourceGroup);
  }
  const tiers: Partial<Record<ResourceKind, string>> = { registry: 'Basic', plan: options.sku };
  const resources = resourceKinds.map((kind): PlannedResource => {
    const recorded = ledger?.resources[kind];
    const tier = tiers[kind];
    const pricedKind = pricedKinds[kind];
    const price =
      pricedKind && tier ? priceOf(prices, { cloud, region: location, kind: pricedKind, tier }) : undefined;
    return {
      kind,
      name: kind === 'acrPull' ? `${names.site} → ${names.registry}` : names[kind],
      type: azureTypes[kind],
      ...(tier ? { tier } : {}),
      action: recorded?.status === 'ready' ? 'keep' : recorded ? 'resume' : 'create',
      ...(price ? { price } : {}),
    };
  });
  const cloudPrices = prices.clouds[cloud];
  const unknown = resources.filter((r) => pricedKinds[r.kind] && !r.price).map((r) => `${r.type} ${r.tier}`);
  const priced = resources.filter((r) => r.price);
  return {
    target: options.target,
    cloud,
    subscriptionId: input.subscriptionId,
    location,
    names,
    resources,
    stages: stageNames,
    ...(ledger?.image.current ? { currentImage: ledger.image.current.reference } : {}),
    monthly: {
      total: priced.reduce((sum, r) => sum + (r.price?.monthly ?? 0), 0),
      currency: cloudPrices?.currency ?? 'USD',
      approximate: priced.some((r) => r.price?.approximate),
      unknown,
      pricingPage: cloudPrices?.pricingPage ?? 'https://azure.microsoft.com/pricing/calculator/',
    },
    prices: { asOf: prices.asOf, note: prices.note },
    down: [...resources].reverse().map(({ kind, name }) => ({ kind, name })),
    tags,
  };
}
