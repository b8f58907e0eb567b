import { defineError } from '@skylift/core';

/**
 * Every Azure failure a user sees: one line with the resource, Azure's code when there is one, and
 * the fix. `resource` reads like `registry "skyliftdemo"`.
 */
export const AzureInvalidName = defineError(
  'SKYLIFT_AZURE_INVALID_NAME',
  (kind: string, name: string, rule: string) => `${kind} name "${name}" is invalid: ${rule}; choose another name`,
  2,
);

export const AzureUnknownCloud = defineError(
  'SKYLIFT_AZURE_UNKNOWN_CLOUD',
  (name: string) => `unknown Azure cloud "${name}": use AzureCloud, AzureChinaCloud, AzureUSGovernment or local`,
  2,
);

export const AzureNameTaken = defineError(
  'SKYLIFT_AZURE_NAME_TAKEN',
  (resource: string, detail: string) =>
    `${resource} is taken by someone else (names are global in Azure): ${detail}; choose another name`,
);

export const AzureAuth = defineError(
  'SKYLIFT_AZURE_AUTH',
  (resource: string, detail: string) =>
    `${resource}: could not authenticate (${detail}); run \`az login\`, set AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET, or for the local cloud run \`skylift local up\``,
);

export const AzureForbidden = defineError(
  'SKYLIFT_AZURE_FORBIDDEN',
  (resource: string, code: string) =>
    `${resource}: ${code}; the signed-in identity needs Contributor on the subscription (and Owner or User Access Administrator to grant AcrPull)`,
);

export const AzureQuota = defineError(
  'SKYLIFT_AZURE_QUOTA',
  (resource: string, code: string, detail: string) =>
    `${resource}: ${code} (${detail}); pick another region or SKU, free quota, or request an increase in the portal`,
);

export const AzureProviderNotRegistered = defineError(
  'SKYLIFT_AZURE_PROVIDER_NOT_REGISTERED',
  (resource: string, detail: string) =>
    `${resource}: the subscription is not registered for this resource provider (${detail}); run \`az provider register --namespace <namespace>\``,
);

export const AzureThrottled = defineError(
  'SKYLIFT_AZURE_THROTTLED',
  (resource: string, attempts: number) =>
    `${resource}: Azure kept answering 429 TooManyRequests after ${attempts} attempts; wait a few minutes and re-run (skylift resumes)`,
);

export const AzureUnavailable = defineError(
  'SKYLIFT_AZURE_UNAVAILABLE',
  (resource: string, code: string, attempts: number) =>
    `${resource}: Azure failed with ${code} after ${attempts} attempts; re-run later (skylift resumes), or check https://status.azure.com`,
);

export const AzureNotFound = defineError(
  'SKYLIFT_AZURE_NOT_FOUND',
  (resource: string, code: string) =>
    `${resource}: ${code}; it was deleted outside skylift: run \`skylift down\` then promote again`,
);

export const AzureBadRequest = defineError(
  'SKYLIFT_AZURE_BAD_REQUEST',
  (resource: string, code: string, detail: string) =>
    `${resource}: Azure rejected the request with ${code} (${detail}); fix the named setting and re-run`,
);

export const AzureConflict = defineError(
  'SKYLIFT_AZURE_CONFLICT',
  (resource: string, code: string, detail: string) =>
    `${resource}: ${code} (${detail}); wait for the other operation on it to finish, then re-run`,
);

export const AzureOperationFailed = defineError(
  'SKYLIFT_AZURE_OPERATION_FAILED',
  (resource: string, detail: string) =>
    `${resource}: the Azure operation failed (${detail}); look at the activity log in the portal, fix, and re-run`,
);

export const AzureNotOurs = defineError(
  'SKYLIFT_AZURE_NOT_OURS',
  (resource: string, why: string) =>
    `${resource} was not created by skylift (${why}); skylift neither adopts nor deletes it: pick another --resource-group name, or delete it yourself`,
);

export const AzurePrincipalNotFound = defineError(
  'SKYLIFT_AZURE_PRINCIPAL_NOT_FOUND',
  (resource: string, waitedMs: number) =>
    `${resource}: the web app's managed identity is still unknown to Entra after ${Math.round(waitedMs / 1000)} s; re-run in a minute (skylift resumes)`,
);

export const AzureAcrExchange = defineError(
  'SKYLIFT_AZURE_ACR_EXCHANGE',
  (loginServer: string, detail: string) =>
    `registry ${loginServer}: token exchange failed (${detail}); check that the signed-in identity may push (AcrPush or Contributor on the registry)`,
);

export const AzureNotLive = defineError(
  'SKYLIFT_AZURE_NOT_LIVE',
  (url: string, waitedMs: number, last: string, logHint: string) =>
    `${url} did not answer 2xx within ${Math.round(waitedMs / 1000)} s (last: ${last}); ${logHint}`,
);
