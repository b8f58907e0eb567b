import { readFile } from 'node:fs/promises';
import shipped from './price-table.json' with { type: 'json' };
import { PriceTableUnreadable } from './errors.ts';

export type PricedKind = 'appServicePlan' | 'registry';

/** Monthly list prices (730 hours) per cloud, region, resource kind and tier. */
export interface PriceTable {
  readonly asOf: string;
  readonly note: string;
  readonly sources: readonly string[];
  readonly clouds: Record<
    string,
    {
      readonly currency: string;
      readonly defaultRegion?: string;
      readonly pricingPage: string;
      readonly regions: Record<string, Partial<Record<PricedKind, Record<string, number>>>>;
    }
  >;
}

export interface Price {
  readonly monthly: number;
  readonly currency: string;
  /** True when the region is not in the table and the cloud's default region stood in for it. */
  readonly approximate: boolean;
}

export const HOURS_PER_MONTH = 730;

export const shippedPriceTable: PriceTable = shipped;

/**
 * The price of one tier, or undefined when the table does not know it (the plan then shows the
 * pricing page instead of a number, rather than guess).
 */
export function priceOf(
  table: PriceTable,
  query: { cloud: string; region: string; kind: PricedKind; tier: string },
): Price | undefined {
  const cloud = table.clouds[query.cloud];
  if (!cloud) return undefined;
  const exact = cloud.regions[query.region]?.[query.kind]?.[query.tier];
  if (exact !== undefined) return { monthly: exact, currency: cloud.currency, approximate: false };
  const fallback = cloud.defaultRegion ? cloud.regions[cloud.defaultRegion]?.[query.kind]?.[query.tier] : undefined;
  return fallback === undefined ? undefined : { monthly: fallback, currency: cloud.currency, approximate: true };
}

/** Overlays a user's table on the shipped one: anything they name wins, the rest stays. */
export function mergePriceTables(base: PriceTable, override: unknown, path: string): PriceTable {
  if (override === null || typeof override !== 'object' || Array.isArray(override)) {
    throw PriceTableUnreadable(path, 'not a JSON object');
  }
  const o = override as Partial<PriceTable>;
  const clouds: Record<string, PriceTable['clouds'][string]> = { ...base.clouds };
  for (const [name, cloud] of Object.entries(o.clouds ?? {})) {
    const before = clouds[name];
    const regions: PriceTable['clouds'][string]['regions'] = { ...before?.regions };
    for (const [region, kinds] of Object.entries(cloud.regions ?? {})) {
      const merged: Partial<Record<PricedKind, Record<string, number>>> = { ...regions[region] };
      for (const [kind, tiers] of Object.entries(kinds ?? {})) {
        for (const [tier, price] of Object.entries(tiers ?? {})) {
          if (typeof price !== 'number' || !(price >= 0)) {
            throw PriceTableUnreadable(path, `clouds.${name}.regions.${region}.${kind}.${tier} must be a number >= 0`);
          }
        }
        merged[kind as PricedKind] = { ...merged[kind as PricedKind], ...tiers };
      }
      regions[region] = merged;
    }
    clouds[name] = {
      currency: cloud.currency ?? before?.currency ?? 'USD',
      defaultRegion: cloud.defaultRegion ?? before?.defaultRegion,
      pricingPage: cloud.pricingPage ?? before?.pricingPage ?? '',
      regions,
    };
  }
  return {
    asOf: o.asOf ?? base.asOf,
    note: o.note ?? `${base.note} (overridden by ${path})`,
    sources: o.sources ?? base.sources,
    clouds,
  };
}

export async function loadPriceTable(path: string | undefined): Promise<PriceTable> {
  if (!path) return shippedPriceTable;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw PriceTableUnreadable(path, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw PriceTableUnreadable(path, (error as Error).message);
  }
  return mergePriceTables(shippedPriceTable, parsed, path);
}

/** What a resource has cost since it was created, at the table's monthly rate. */
export function costSince(price: Price, createdAt: Date, now: Date): number {
  const hours = Math.max(0, now.getTime() - createdAt.getTime()) / 3_600_000;
  return (price.monthly / HOURS_PER_MONTH) * hours;
}

export function formatMoney(amount: number, currency: string): string {
  return `${currency} ${amount.toFixed(2)}`;
}
