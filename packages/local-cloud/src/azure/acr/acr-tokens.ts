import { randomUUID } from 'node:crypto';
import { armAudiences, checkEntraToken } from '../entra-tokens.ts';
import { signJwt, verifyJwt } from '../jwt.ts';
import { isAllowed } from '../rbac.ts';
import type { StoredResource } from '../state.ts';
import type { AzureWorld } from '../world.ts';
import { dataActions, type AccessEntry } from './scopes.ts';

/** Docker logs in to ACR with this user name and the refresh token as password. */
export const refreshTokenUser = '00000000-0000-0000-0000-000000000000';
const issuer = 'Azure Container Registry';
const refreshLifetimeSeconds = 3 * 3600;
const accessLifetimeSeconds = 75 * 60;

export class AcrAuthError extends Error {
  constructor(
    readonly status: 400 | 401,
    message: string,
  ) {
    super(message);
  }
}

const nowSeconds = (world: AzureWorld) => Math.floor(world.clock.now() / 1000);

/** `POST /oauth2/exchange`: an Entra token (ARM or ACR audience) for a registry refresh token. */
export function exchangeForRefreshToken(world: AzureWorld, loginServer: string, form: URLSearchParams): string {
  if (form.get('grant_type') !== 'access_token') throw new AcrAuthError(400, "grant_type must be 'access_token'.");
  const service = form.get('service');
  if (!service || service.toLowerCase() !== loginServer.toLowerCase()) throw new AcrAuthError(400, `service must be '${loginServer}'.`);
  const tenant = form.get('tenant');
  if (tenant && tenant !== world.store.state.tenantId) throw new AcrAuthError(401, `The tenant '${tenant}' does not own this registry.`);
  const accessToken = form.get('access_token');
  if (!accessToken) throw new AcrAuthError(400, 'access_token is required.');
  const checked = checkEntraToken(world, accessToken, [...armAudiences(world), 'https://containerregistry.azure.net']);
  if (!checked.ok) throw new AcrAuthError(401, `The access token is not valid (${checked.reason}).`);
  const iat = nowSeconds(world);
  return signJwt(
    {
      jti: randomUUID(),
      sub: checked.principal.objectId,
      nbf: iat - 300,
      exp: iat + refreshLifetimeSeconds,
      iat,
      iss: issuer,
      aud: loginServer,
      version: '1.0',
      grant_type: 'refresh_token',
      tenant: world.store.state.tenantId,
    },
    world.key,
  );
}

/** The principal a refresh token speaks for, if the token is ours, alive and for this registry. */
export function principalOfRefreshToken(world: AzureWorld, loginServer: string, token: string): string {
  const checked = verifyJwt(token, world.key.publicKey, nowSeconds(world));
  if (!checked.ok || checked.claims.grant_type !== 'refresh_token' || checked.claims.aud !== loginServer || checked.claims.iss !== issuer) {
    throw new AcrAuthError(401, 'The refresh token is not valid for this registry.');
  }
  const principal = world.store.state.principals[String(checked.claims.sub)];
  if (!principal) throw new AcrAuthError(401, 'The identity behind the refresh token no longer exists.');
  return principal.objectId;
}

/**
 * Narrows the requested scopes to what RBAC allows the principal on this registry. Role
 * assignments count only once propagated (the AcrPull delay fault).
 */
export function grantedAccess(world: AzureWorld, registry: StoredResource, principalId: string, requested: readonly AccessEntry[]): AccessEntry[] {
  const allowed = (action: string) =>
    isAllowed(world.store.state, principalId, action, registry.id, { now: world.clock.now(), propagationMs: world.faults.acrPullPropagationMs });
  return requested.map((entry) => {
    if (entry.type === 'registry' && entry.name === 'catalog') {
      return { ...entry, actions: allowed(dataActions.pull as string) ? ['*'] : [] };
    }
    const wanted = entry.actions.includes('*') ? Object.keys(dataActions) : entry.actions;
    return { ...entry, actions: wanted.filter((action) => dataActions[action] !== undefined && allowed(dataActions[action])) };
  });
}

export function issueAccessToken(world: AzureWorld, loginServer: string, principalId: string, access: readonly AccessEntry[]): string {
  const iat = nowSeconds(world);
  return signJwt(
    { jti: randomUUID(), sub: principalId, nbf: iat - 300, exp: iat + accessLifetimeSeconds, iat, iss: issuer, aud: loginServer, version: '1.0', grant_type: 'access_token', access, tenant: world.store.state.tenantId },
    world.key,
  );
}

/** The access a bearer token on the data plane carries, or undefined when it is not one of ours. */
export function accessOfBearer(world: AzureWorld, loginServer: string, token: string): readonly AccessEntry[] | undefined {
  const checked = verifyJwt(token, world.key.publicKey, nowSeconds(world));
  if (!checked.ok || checked.claims.grant_type !== 'access_token' || checked.claims.aud !== loginServer) return undefined;
  return Array.isArray(checked.claims.access) ? (checked.claims.access as AccessEntry[]) : [];
}
