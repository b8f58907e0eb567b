import { randomUUID } from 'node:crypto';
import { signJwt, verifyJwt, type JwtClaims } from './jwt.ts';
import type { StoredPrincipal } from './state.ts';
import type { AzureWorld } from './world.ts';

/** Managed-identity tokens live 24 h in Azure; clients refresh them at half-life. */
const lifetimeSeconds = 24 * 3600;

export const issuerFor = (tenantId: string) => `https://sts.windows.net/${tenantId}/`;

/** An Entra-style access token for `principal`, audience `resource` (signed with the emulator's key). */
export function issueEntraToken(world: AzureWorld, principal: StoredPrincipal, resource: string) {
  const iat = Math.floor(world.clock.now() / 1000);
  const { tenantId } = world.store.state;
  const claims: JwtClaims = {
    aud: resource,
    iss: issuerFor(tenantId),
    iat,
    nbf: iat - 300,
    exp: iat + lifetimeSeconds,
    oid: principal.objectId,
    sub: principal.objectId,
    tid: tenantId,
    appid: principal.kind === 'ServicePrincipal' ? principal.objectId : undefined,
    idtyp: principal.kind === 'ServicePrincipal' ? 'app' : 'user',
    name: principal.kind === 'User' ? principal.displayName : undefined,
    xms_mirid: principal.resourceId,
    uti: randomUUID().replaceAll('-', ''),
    ver: '1.0',
  };
  return { token: signJwt(claims, world.key), expiresOn: iat + lifetimeSeconds };
}

export type EntraCheck =
  | { readonly ok: true; readonly principal: StoredPrincipal; readonly claims: JwtClaims }
  | { readonly ok: false; readonly reason: string };

/** Signature, lifetime, issuer, tenant, audience and a principal that still exists. */
export function checkEntraToken(world: AzureWorld, token: string, audiences: readonly string[]): EntraCheck {
  const checked = verifyJwt(token, world.key.publicKey, Math.floor(world.clock.now() / 1000));
  if (!checked.ok) return { ok: false, reason: checked.reason };
  const { claims } = checked;
  const { tenantId, principals } = world.store.state;
  if (claims.iss !== issuerFor(tenantId) || claims.tid !== tenantId) return { ok: false, reason: 'issuer' };
  const audience = typeof claims.aud === 'string' ? claims.aud.replace(/\/+$/, '').toLowerCase() : '';
  if (!audiences.some((allowed) => allowed.replace(/\/+$/, '').toLowerCase() === audience)) return { ok: false, reason: 'audience' };
  const principal = typeof claims.oid === 'string' ? principals[claims.oid] : undefined;
  if (!principal) return { ok: false, reason: 'principal' };
  return { ok: true, principal, claims };
}

/** Audiences ARM accepts: its own endpoint and the public-cloud ones clients may default to. */
export function armAudiences(world: AzureWorld): string[] {
  return [world.armEndpoint, 'https://management.azure.com', 'https://management.core.windows.net'];
}
