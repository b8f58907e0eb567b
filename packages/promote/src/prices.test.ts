import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { costSince, loadPriceTable, priceOf, shippedPriceTable } from './prices.ts';

describe('price table', () => {
  it('ships a dated table with the tiers skylift uses', () => {
    expect(shippedPriceTable.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(priceOf(shippedPriceTable, { cloud: 'AzureCloud', region: 'eastus', kind: 'appServicePlan', tier: 'B1' })).toEqual({
      monthly: 13.14,
      currency: 'USD',
      approximate: false,
    });
    expect(priceOf(shippedPriceTable, { cloud: 'AzureUSGovernment', region: 'usgovvirginia', kind: 'registry', tier: 'Basic' })).toBeUndefined();
  });

  it('is overridable by a JSON file that only names what it changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'skylift-prices-'));
    try {
      const path = join(dir, 'prices.json');
      await writeFile(path, JSON.stringify({ asOf: '2027-01-01', clouds: { AzureCloud: { regions: { westeurope: { appServicePlan: { B1: 12 } } } } } }));
      const table = await loadPriceTable(path);
      expect(table.asOf).toBe('2027-01-01');
      expect(priceOf(table, { cloud: 'AzureCloud', region: 'westeurope', kind: 'appServicePlan', tier: 'B1' })?.monthly).toBe(12);
      expect(priceOf(table, { cloud: 'AzureCloud', region: 'eastus', kind: 'registry', tier: 'Basic' })?.monthly).toBe(5.08);
      await writeFile(path, JSON.stringify({ clouds: { AzureCloud: { regions: { eastus: { registry: { Basic: 'free' } } } } } }));
      await expect(loadPriceTable(path)).rejects.toMatchObject({ code: 'SKYLIFT_PROMOTE_PRICE_TABLE_UNREADABLE' });
      await writeFile(path, '{ nope');
      await expect(loadPriceTable(path)).rejects.toThrow(/price table .* is not usable/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('estimates cost so far from the monthly rate', () => {
    const price = { monthly: 730, currency: 'USD', approximate: false };
    expect(costSince(price, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T10:00:00Z'))).toBeCloseTo(10);
  });
});
