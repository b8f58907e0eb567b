import Docker from 'dockerode';
import { connectAzure, parseCloudName, type ArmClients, type LocalAzureEndpoints } from '@skylift/azure';
import type { ContainerPort, CloudPort } from '../ports.ts';
import type { Target } from '../ledger-section.ts';
import { InvalidOption, NoSubscription } from '../errors.ts';
import { azureCloudPort } from './azure-port.ts';
import { dockerContainerPort } from './container-port.ts';

export interface ConnectInput {
  readonly target: Target;
  readonly cloud: string;
  readonly subscriptionId?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly labels?: Readonly<Record<string, string>>;
  /** Start the local cloud (engine, registry, emulators) when needed; given by the CLI. */
  readonly localCloud?: () => Promise<{ docker: Docker; nodeBaseImage: string; azure: LocalAzureEndpoints }>;
}

export interface Connected {
  readonly cloud: CloudPort;
  readonly container: ContainerPort;
  readonly clients: ArmClients;
}

/** Local emulators answer in milliseconds: poll and back off accordingly. */
const localTuning = {
  pollIntervalMs: 200,
  sdkRetry: { retryDelayInMs: 100, maxRetryDelayInMs: 1000 },
  retry: { attempts: 6, baseDelayMs: 200, maxDelayMs: 2000 },
};

/**
 * Turns "which target" into the ports promote runs on. Nothing after this knows whether it talks to
 * Azure or to the local cloud.
 */
export async function connectTarget(input: ConnectInput): Promise<Connected> {
  const labels = { 'skylift.promote': '1', ...input.labels };
  if (input.target === 'local') {
    if (!input.localCloud) throw new Error('connectTarget: the local target needs a localCloud starter');
    const local = await input.localCloud();
    const clients = connectAzure({ cloud: 'local', local: local.azure }, localTuning);
    return {
      clients,
      cloud: azureCloudPort(clients, { liveIntervalMs: 250, principalRetry: { attempts: 20, baseDelayMs: 250, maxDelayMs: 1000 } }),
      container: dockerContainerPort(local.docker, { buildArgs: { BASE_IMAGE: local.nodeBaseImage }, labels }),
    };
  }
  const cloud = parseCloudName(input.cloud);
  const subscriptionId = input.subscriptionId ?? input.env.AZURE_SUBSCRIPTION_ID;
  if (cloud === 'local' || !subscriptionId) throw cloud === 'local' ? InvalidOption('--cloud', cloud, 'use --target local for the local cloud') : NoSubscription();
  const clients = connectAzure({ cloud, subscriptionId });
  return { clients, cloud: azureCloudPort(clients), container: dockerContainerPort(new Docker(), { labels }) };
}
