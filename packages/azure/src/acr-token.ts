import { inspect } from 'node:util';
import type { TokenCredential } from '@azure/core-auth';
import { armScope, type AzureCloud } from './clouds.ts';
import { AzureAcrExchange } from './errors.ts';
import { toSkyliftError } from './arm-error.ts';

/** ACR's fixed user name for "the password is an ACR refresh token" (Azure/acr docs/AAD-OAuth.md). */
export const ACR_TOKEN_USERNAME = '00000000-0000-0000-0000-000000000000';

/** Docker's auth config shape, as dockerode's push takes it. */
export interface RegistryAuth {
  readonly username: string;
  readonly password: string;
  readonly serveraddress: string;
}

/** The `tid` claim of an Entra access token: the tenant the exchange must name. */
export function tenantOfToken(accessToken: string): string {
  const payload = accessToken.split('.')[1];
  if (payload === undefined) throw new Error('the access token is not a JWT');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { tid?: unknown };
  if (typeof claims.tid !== 'string' || claims.tid === '') throw new Error('the access token has no tid claim');
  return claims.tid;
}

/**
 * Docker credentials for `loginServer` without an admin password: an Entra token for ARM is
 * exchanged at `/oauth2/exchange` for an ACR refresh token, which docker presents as the password.
 * The token lives only in the returned object, whose inspection (console.log, util.inspect)
 * shows it redacted; JSON (which dockerode needs for X-Registry-Auth) still carries it.
 */
export async function acrRegistryAuth(
  credential: TokenCredential,
  cloud: AzureCloud,
  loginServer: string,
  fetchImpl: typeof fetch = fetch,
): Promise<RegistryAuth> {
  let accessToken: string;
  try {
    const token = await credential.getToken(armScope(cloud));
    if (token === null) throw new Error('no token returned');
    accessToken = token.token;
  } catch (error) {
    throw toSkyliftError(error, `registry ${loginServer}`);
  }

  let response: Response;
  try {
    response = await fetchImpl(`https://${loginServer}/oauth2/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'access_token',
        service: loginServer,
        tenant: tenantOfToken(accessToken),
        access_token: accessToken,
      }),
    });
  } catch (error) {
    throw AzureAcrExchange(loginServer, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw AzureAcrExchange(loginServer, `HTTP ${response.status}`);
  const body = (await response.json()) as { refresh_token?: unknown };
  if (typeof body.refresh_token !== 'string') throw AzureAcrExchange(loginServer, 'no refresh_token in the answer');
  return redactedOnInspect({ username: ACR_TOKEN_USERNAME, password: body.refresh_token, serveraddress: loginServer });
}

export function redactedOnInspect(auth: RegistryAuth): RegistryAuth {
  return Object.defineProperty({ ...auth }, inspect.custom, {
    enumerable: false,
    value: () => `RegistryAuth { username: '${auth.username}', password: [redacted], serveraddress: '${auth.serveraddress}' }`,
  });
}
