import { describe, expect, it } from 'vitest';
import { planPromote } from './plan.ts';
import { shippedPriceTable } from './prices.ts';
import { promoteOptions } from './testing/options.ts';
import type { PromoteSection } from './ledger-section.ts';
import { formatPlan } from './format.ts';

const sub = '11111111-2222-3333-4444-555555555555';
const options = promoteOptions({ projectDir: '/home/dev/sample-api', projectName: '@skylift/sample-api' });

describe('planPromote', () => {
  it('creates everything in order on a first run, priced from the table', () => {
    const plan = planPromote({ options, subscriptionId: sub, ledger: undefined, prices: shippedPriceTable });
    expect(plan.resources.map((r) => [r.kind, r.action])).toEqual([
      ['resourceGroup', 'create'],
      ['registry', 'create'],
      ['plan', 'create'],
      ['site', 'create'],
      ['acrPull', 'create'],
    ]);
    expect(plan.location).toBe('eastus');
    expect(plan.monthly.total).toBeCloseTo(13.14 + 5.08);
    expect(plan.monthly.approximate).toBe(false);
    expect(plan.down.map((r) => r.kind)).toEqual(['acrPull', 'site', 'plan', 'registry', 'resourceGroup']);
    expect(plan.tags).toEqual({ 'managed-by': 'skylift', 'skylift-project': 'sample-api' });
  });

  it('flags a region not in the table as approximate, and a cloud without prices as unknown', () => {
    const west = planPromote({ options: { ...options, location: 'westeurope' }, subscriptionId: sub, ledger: undefined, prices: shippedPriceTable });
    expect(west.monthly.approximate).toBe(true);
    const china = planPromote({ options: { ...options, cloud: 'AzureChinaCloud' }, subscriptionId: sub, ledger: undefined, prices: shippedPriceTable });
    expect(china.monthly.unknown).toHaveLength(2);
    expect(china.monthly.currency).toBe('CNY');
    expect(formatPlan(china).join('\n')).toContain('price unknown');
  });

  it('keeps what the ledger lists as ready and resumes what it lists as creating', () => {
    const first = planPromote({ options, subscriptionId: sub, ledger: undefined, prices: shippedPriceTable });
    const ledger: PromoteSection = {
      target: 'azure',
      cloud: 'AzureCloud',
      subscriptionId: sub,
      location: 'eastus',
      names: first.names,
      healthPath: '/health',
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      resources: {
        resourceGroup: { name: first.names.resourceGroup, status: 'ready', id: 'rg-id', createdAt: '2026-01-01T00:00:00Z' },
        registry: { name: first.names.registry, status: 'creating', createdAt: '2026-01-01T00:00:00Z' },
      },
      image: {},
      stages: {},
    };
    const plan = planPromote({ options, subscriptionId: sub, ledger, prices: shippedPriceTable });
    expect(plan.resources.map((r) => r.action)).toEqual(['keep', 'resume', 'create', 'create', 'create']);
    expect(() => planPromote({ options: { ...options, target: 'local', cloud: 'local' }, subscriptionId: sub, ledger, prices: shippedPriceTable })).toThrow(
      /promoted to azure/,
    );
    expect(() => planPromote({ options: { ...options, location: 'westus' }, subscriptionId: sub, ledger, prices: shippedPriceTable })).toThrow(
      /already lives in eastus/,
    );
  });

  it('refuses to adopt a resource group skylift did not make', () => {
    expect(() =>
      planPromote({ options, subscriptionId: sub, ledger: undefined, prices: shippedPriceTable, existingGroup: { tags: { owner: 'someone' } } }),
    ).toThrow(expect.objectContaining({ code: 'SKYLIFT_PROMOTE_FOREIGN_GROUP' }));
    const ours = planPromote({
      options,
      subscriptionId: sub,
      ledger: undefined,
      prices: shippedPriceTable,
      existingGroup: { tags: { 'managed-by': 'skylift', 'skylift-project': 'sample-api' } },
    });
    expect(ours.resources[0]?.action).toBe('create');
  });

  it('prices the local cloud at zero', () => {
    const plan = planPromote({ options: { ...options, target: 'local', cloud: 'local' }, subscriptionId: sub, ledger: undefined, prices: shippedPriceTable });
    expect(plan.cloud).toBe('local');
    expect(plan.monthly.total).toBe(0);
    expect(plan.monthly.unknown).toEqual([]);
  });

  it('prints a dry-run plan with tiers, prices, date and what down removes', () => {
    const text = formatPlan(planPromote({ options, subscriptionId: sub, ledger: undefined, prices: shippedPriceTable })).join('\n');
    expect(text).toContain('[B1]  USD 13.14/month');
    expect(text).toContain('Monthly: USD 18.22/month');
    expect(text).toContain(`list prices as of ${shippedPriceTable.asOf}`);
    expect(text).toContain('skylift down would remove: acrPull');
    expect(text).toContain('nothing was created');
  });
});
