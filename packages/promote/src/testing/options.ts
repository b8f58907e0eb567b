import type { PromoteOptions } from '../options.ts';

/** A promote to Azure as the CLI's defaults set it up; tests name the project and override the rest. */
export function promoteOptions(options: Pick<PromoteOptions, 'projectDir' | 'projectName'> & Partial<PromoteOptions>): PromoteOptions {
  return {
    target: 'azure',
    cloud: 'AzureCloud',
    sku: 'B1',
    healthPath: '/health',
    rollbackOnDiff: false,
    liveTimeoutMs: 1000,
    ...options,
  };
}
