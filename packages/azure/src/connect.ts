import { createArmClients, type ArmClients, type ArmClientsOptions } from './arm-clients.ts';
import { isCloudName, localCloud, PUBLIC_CLOUDS, type CloudName } from './clouds.ts';
import { createCredential, type LocalIdentity } from './credentials.ts';
import { AzureUnknownCloud } from './errors.ts';

/** What the running local emulator publishes (`localAzure()` in @skylift/local-cloud). */
export interface LocalAzureEndpoints extends LocalIdentity {
  readonly armEndpoint: string;
  readonly subscriptionId: string;
}

export type AzureTarget =
  | { readonly cloud: 'local'; readonly local: LocalAzureEndpoints }
  | { readonly cloud: Exclude<CloudName, 'local'>; readonly subscriptionId: string };

type Tuning = Omit<ArmClientsOptions, 'cloud' | 'subscriptionId' | 'credential'>;

/** A `--cloud` value checked up front, so a typo fails before any sign-in. */
export function parseCloudName(value: string): CloudName {
  if (!isCloudName(value)) throw AzureUnknownCloud(value);
  return value;
}

/** The ArmClients bundle for a target: the one place that turns "which cloud" into endpoints and a credential. */
export function connectAzure(target: AzureTarget, tuning: Tuning = {}): ArmClients {
  if (target.cloud === 'local') {
    const cloud = localCloud(target.local.armEndpoint);
    const credential = createCredential(cloud, target.local);
    return createArmClients({ ...tuning, cloud, subscriptionId: target.local.subscriptionId, credential });
  }
  const cloud = PUBLIC_CLOUDS[target.cloud];
  return createArmClients({ ...tuning, cloud, subscriptionId: target.subscriptionId, credential: createCredential(cloud) });
}
