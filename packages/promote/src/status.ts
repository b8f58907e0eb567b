import type { Clock } from './ports.ts';
import type { PriceTable, PricedKind } from './prices.ts';
import { costSince, priceOf } from './prices.ts';
import { readPromoteSection, readShareSection } from './ledger-section.ts';

export interface Health {
  readonly ok: boolean;
  readonly status?: number;
  readonly ms: number;
  readonly error?: string;
}

export type Probe = (url: string) => Promise<Health>;

export interface StatusResult {
  readonly share?: { readonly url: string; readonly running: boolean; readonly health?: Health; readonly startedAt?: string };
  readonly cloud?: {
    readonly target: string;
    readonly cloud: string;
    readonly url?: string;
    readonly health?: Health;
    readonly image?: { readonly reference: string; readonly digest: string; readonly deployedAt: string; readonly ageSeconds: number };
    readonly previousImage?: string;
    readonly resources: Record<string, { readonly name: string; readonly status: string }>;
    readonly lastVerdict?: string;
    readonly createdAt: string;
    readonly cost: {
      readonly soFar: number;
      readonly monthly: number;
      readonly currency: string;
      readonly unknown: readonly string[];
      readonly pricesAsOf: string;
    };
  };
}

const priced: Record<string, PricedKind> = { plan: 'appServicePlan', registry: 'registry' };

/** share URL, cloud URL, health of each, image digest and age, estimated cost so far. Read-only. */
export async function readStatus(input: {
  projectDir: string;
  clock: Clock;
  prices: PriceTable;
  probe: Probe;
  isAlive: (pid: number) => boolean;
}): Promise<StatusResult> {
  const now = input.clock.now();
  const [share, section] = await Promise.all([readShareSection(input.projectDir), readPromoteSection(input.projectDir)]);
  const shareRunning = Boolean(share?.url && share.pid !== undefined && input.isAlive(share.pid));
  const healthPath = section?.healthPath ?? '/health';
  const [shareHealth, cloudHealth] = await Promise.all([
    share?.url && shareRunning ? input.probe(`${share.url}${healthPath}`) : undefined,
    section?.url ? input.probe(`${section.url}${healthPath}`) : undefined,
  ]);
  let cloud: StatusResult['cloud'];
  if (section) {
    let soFar = 0;
    let monthly = 0;
    const unknown: string[] = [];
    for (const [kind, record] of Object.entries(section.resources)) {
      const pricedKind = priced[kind];
      if (!pricedKind || !record.tier) continue;
      const price = priceOf(input.prices, { cloud: section.cloud, region: section.location, kind: pricedKind, tier: record.tier });
      if (!price) {
        unknown.push(`${kind} ${record.tier}`);
        continue;
      }
      monthly += price.monthly;
      soFar += costSince(price, new Date(record.createdAt), now);
    }
    const current = section.image.current;
    cloud = {
      target: section.target,
      cloud: section.cloud,
      ...(section.url ? { url: section.url } : {}),
      ...(cloudHealth ? { health: cloudHealth } : {}),
      ...(current
        ? {
            image: {
              reference: current.reference,
              digest: current.digest,
              deployedAt: current.deployedAt,
              ageSeconds: Math.round((now.getTime() - new Date(current.deployedAt).getTime()) / 1000),
            },
          }
        : {}),
      ...(section.image.previous ? { previousImage: section.image.previous.reference } : {}),
      resources: Object.fromEntries(Object.entries(section.resources).map(([kind, r]) => [kind, { name: r.name, status: r.status }])),
      ...(section.lastRun?.verdict ? { lastVerdict: section.lastRun.verdict } : {}),
      createdAt: section.createdAt,
      cost: {
        soFar,
        monthly,
        currency: input.prices.clouds[section.cloud]?.currency ?? 'USD',
        unknown,
        pricesAsOf: input.prices.asOf,
      },
    };
  }
  return {
    ...(share?.url
      ? { share: { url: share.url, running: shareRunning, ...(shareHealth ? { health: shareHealth } : {}), ...(share.startedAt ? { startedAt: share.startedAt } : {}) } }
      : {}),
    ...(cloud ? { cloud } : {}),
  };
}

/** GET with a timeout; any 2xx is healthy. Uses Node's fetch, which trusts NODE_EXTRA_CA_CERTS. */
export function httpProbe(timeoutMs = 5000): Probe {
  return async (url) => {
    const started = performance.now();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      await response.arrayBuffer();
      return { ok: response.ok, status: response.status, ms: Math.round(performance.now() - started) };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { ok: false, ms: Math.round(performance.now() - started), error: cause ?? (error as Error).name };
    }
  };
}
