import type { Target } from './ledger-section.ts';
import { InvalidOption } from './errors.ts';
import { deriveNames } from './names.ts';

export const clouds = ['AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment'] as const;
export const planSkus = ['B1', 'B2', 'B3', 'S1'] as const;

/** Everything a promote run is asked to do, already parsed; the plan is a pure function of this and the ledger. */
export interface PromoteOptions {
  readonly projectDir: string;
  readonly projectName: string;
  readonly target: Target;
  /** `AzureCloud` etc. for `azure`; always `local` for the local cloud. */
  readonly cloud: string;
  readonly subscriptionId?: string;
  readonly location?: string;
  readonly name?: string;
  readonly sku: string;
  readonly healthPath: string;
  readonly dockerfile?: string;
  readonly baseline?: string;
  readonly suitePath?: string;
  readonly htmlReport?: string;
  readonly rollbackOnDiff: boolean;
  readonly liveTimeoutMs: number;
}

export const defaultLocation: Record<string, string> = {
  AzureCloud: 'eastus',
  AzureChinaCloud: 'chinanorth3',
  AzureUSGovernment: 'usgovvirginia',
  // The local cloud checks regions like Azure does; any real one works, none costs anything.
  local: 'westeurope',
};

/** Checks what can be checked without any call, so bad input fails before anything is touched. */
export function validateOptions(options: PromoteOptions): void {
  if (options.target === 'azure' && !(clouds as readonly string[]).includes(options.cloud)) {
    throw InvalidOption('--cloud', options.cloud, `use one of ${clouds.join(', ')}`);
  }
  if (!(planSkus as readonly string[]).includes(options.sku)) {
    throw InvalidOption('--sku', options.sku, `use one of ${planSkus.join(', ')} (Linux plans that run custom containers)`);
  }
  if (options.location !== undefined && !/^[a-z0-9]+$/.test(options.location)) {
    throw InvalidOption('--location', options.location, 'use an Azure region name such as eastus or westeurope');
  }
  if (options.subscriptionId !== undefined && !/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(options.subscriptionId)) {
    throw InvalidOption('--subscription', options.subscriptionId, 'pass the subscription id (a GUID): az account show --query id');
  }
  if (!options.healthPath.startsWith('/')) {
    throw InvalidOption('--health-path', options.healthPath, 'start it with /, e.g. /health');
  }
  if (options.baseline !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(options.baseline);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol)) {
      throw InvalidOption('--baseline', options.baseline, 'pass an http(s) URL such as http://localhost:3000');
    }
  }
  // A given --name fixes every name: check them now, before the cloud is even contacted.
  if (options.name !== undefined) deriveNames({ ...options, name: options.name, subscriptionId: '' });
  if (!(options.liveTimeoutMs > 0)) throw InvalidOption('--timeout', String(options.liveTimeoutMs), 'pass a positive number of seconds');
}
