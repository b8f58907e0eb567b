import type { TokenCredential } from '@azure/core-auth';
import { WebSiteManagementClient } from '@azure/arm-appservice';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import { ResourceManagementClient } from '@azure/arm-resources';
import { armScope, type AzureCloud } from './clouds.ts';
import { DEFAULT_RETRY, type RetryOptions } from './retry.ts';

/** Knobs of the SDK pipeline's own retry policy (tests shorten the delays). */
export interface SdkRetryOptions {
  readonly maxRetries?: number;
  readonly retryDelayInMs?: number;
  readonly maxRetryDelayInMs?: number;
}

export interface ArmClientsOptions {
  readonly cloud: AzureCloud;
  readonly subscriptionId: string;
  readonly credential: TokenCredential;
  /** LRO poll interval when the service sends no Retry-After (the SDK's default is 2 s). */
  readonly pollIntervalMs?: number;
  /** skylift's retry around whole calls, on top of the SDK's. */
  readonly retry?: RetryOptions;
  readonly sdkRetry?: SdkRetryOptions;
}

/** Built once per run and handed to every function that talks to ARM. */
export interface ArmClients {
  readonly cloud: AzureCloud;
  readonly subscriptionId: string;
  readonly credential: TokenCredential;
  readonly resources: ResourceManagementClient;
  readonly registries: ContainerRegistryManagementClient;
  readonly web: WebSiteManagementClient;
  readonly authorization: AuthorizationManagementClient;
  readonly pollIntervalMs?: number;
  readonly retry: RetryOptions;
}

export function createArmClients(options: ArmClientsOptions): ArmClients {
  const { cloud, subscriptionId, credential } = options;
  const scopes = [armScope(cloud)];
  const common = { endpoint: cloud.armEndpoint, retryOptions: options.sdkRetry };
  return {
    cloud,
    subscriptionId,
    credential,
    resources: new ResourceManagementClient(credential, subscriptionId, { ...common, credentials: { scopes } }),
    registries: new ContainerRegistryManagementClient(credential, subscriptionId, { ...common, credentials: { scopes } }),
    web: new WebSiteManagementClient(credential, subscriptionId, { ...common, credentials: { scopes } }),
    authorization: new AuthorizationManagementClient(credential, subscriptionId, { ...common, credentialScopes: scopes }),
    pollIntervalMs: options.pollIntervalMs,
    retry: options.retry ?? DEFAULT_RETRY,
  };
}

/** The LRO option every create/delete passes, so tests can poll fast. */
export function lroOptions(clients: ArmClients): { updateIntervalInMs?: number } {
  return clients.pollIntervalMs === undefined ? {} : { updateIntervalInMs: clients.pollIntervalMs };
}
