import type { TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential } from '@azure/identity';
import type { AzureCloud } from './clouds.ts';

/** What the local emulator's identity endpoint needs (App Service's managed-identity protocol). */
export interface LocalIdentity {
  readonly identityEndpoint: string;
  readonly identityHeader: string;
}

/**
 * `DefaultAzureCredential` for every cloud, so `az login`, environment variables, workload and
 * managed identity all work unchanged. For `local` the credential is the same class, pinned to
 * managed identity and pointed at the emulator: MSAL reads IDENTITY_ENDPOINT/IDENTITY_HEADER from
 * `process.env` when it first fetches a token (and keeps the source for the process), so they are
 * set there rather than passed in — one local cloud per process.
 */
export function createCredential(cloud: AzureCloud, local?: LocalIdentity, env: NodeJS.ProcessEnv = process.env): TokenCredential {
  if (cloud.name !== 'local') return new DefaultAzureCredential({ authorityHost: cloud.authorityHost });
  if (local === undefined) throw new Error('createCredential: the local cloud needs its identity endpoint');
  env.IDENTITY_ENDPOINT = local.identityEndpoint;
  env.IDENTITY_HEADER = local.identityHeader;
  // Pinned, DefaultAzureCredential ignores its options (identity 4.13): an unreachable endpoint is
  // retried five times with backoff (~15 s) before the error. The supervisor keeps it running.
  env.AZURE_TOKEN_CREDENTIALS = 'ManagedIdentityCredential';
  return new DefaultAzureCredential();
}
