import { ArmError } from './arm-error.ts';
import { optionalObject } from './bodies.ts';
import type { ResourceKind } from './upsert-resource.ts';

/** App Service pricing tiers by SKU name. */
const tiers: Record<string, { tier: string; family: string }> = {
  F1: { tier: 'Free', family: 'F' },
  B1: { tier: 'Basic', family: 'B' },
  B2: { tier: 'Basic', family: 'B' },
  B3: { tier: 'Basic', family: 'B' },
  S1: { tier: 'Standard', family: 'S' },
  S2: { tier: 'Standard', family: 'S' },
  S3: { tier: 'Standard', family: 'S' },
  P1V2: { tier: 'PremiumV2', family: 'Pv2' },
  P2V2: { tier: 'PremiumV2', family: 'Pv2' },
  P3V2: { tier: 'PremiumV2', family: 'Pv2' },
  P0V3: { tier: 'PremiumV3', family: 'Pv3' },
  P1V3: { tier: 'PremiumV3', family: 'Pv3' },
  P2V3: { tier: 'PremiumV3', family: 'Pv3' },
  P3V3: { tier: 'PremiumV3', family: 'Pv3' },
};

export const planKind: ResourceKind = {
  type: 'Microsoft.Web/serverfarms',
  namespace: 'Microsoft.Web',
  checkName: (name) => {
    if (!/^[\p{L}\p{N}_-]{1,60}$/u.test(name)) {
      throw new ArmError(400, 'BadRequest', `The App Service plan name '${name}' is invalid: use 1 to 60 letters, digits, hyphens or underscores.`);
    }
  },
  asyncCreateStatus: 202,
  build: async (_world, input, { existing, name }) => {
    const sku = optionalObject(input.sku, 'sku');
    const skuName = typeof sku?.name === 'string' ? sku.name.toUpperCase() : '';
    const known = tiers[skuName];
    if (!known) throw new ArmError(400, 'BadRequest', `The pricing tier '${String(sku?.name)}' is not allowed: use one of ${Object.keys(tiers).join(', ')}.`);
    const properties = optionalObject(input.properties, 'properties') ?? {};
    const reserved = properties.reserved === true;
    const kind = typeof input.kind === 'string' ? input.kind : 'app';
    const capacity = typeof sku?.capacity === 'number' ? sku.capacity : 1;
    return {
      kind: reserved ? 'linux' : kind,
      sku: { name: skuName, tier: known.tier, size: skuName, family: known.family, capacity },
      properties: {
        serverFarmId: existing?.properties.serverFarmId ?? Math.floor(Math.random() * 100_000),
        name,
        status: 'Ready',
        maximumNumberOfWorkers: 3,
        numberOfWorkers: capacity,
        numberOfSites: 0,
        reserved,
        isXenon: false,
        hyperV: false,
        perSiteScaling: false,
        elasticScaleEnabled: false,
        maximumElasticWorkerCount: 1,
        isSpot: false,
        targetWorkerCount: 0,
        targetWorkerSizeId: 0,
        zoneRedundant: false,
        provisioningState: 'Succeeded',
      },
    };
  },
};
