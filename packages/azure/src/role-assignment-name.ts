import { createHash } from 'node:crypto';

/** Any fixed UUID works as a v5 namespace; this one is skylift's, so names never collide with others' schemes. */
const SKYLIFT_NAMESPACE = '6f1c2a5e-3b7d-4c8e-9a0f-5d2e8b4c1a73';

/**
 * Role assignment names are caller-chosen GUIDs. Hashing (scope, principal, role) the RFC 4122 v5
 * way makes the name a pure function of what is granted, so a re-run PUTs the same assignment
 * instead of adding a duplicate. Scopes are compared case-insensitively by ARM, and the SDK may
 * send `//subscriptions/...`: both are normalised first.
 */
export function roleAssignmentName(scope: string, principalId: string, roleDefinitionId: string): string {
  const key = [normaliseScope(scope), principalId.toLowerCase(), roleGuid(roleDefinitionId)].join('\n');
  const namespace = Buffer.from(SKYLIFT_NAMESPACE.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(key, 'utf8').digest().subarray(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function normaliseScope(scope: string): string {
  return `/${scope.replace(/^\/+/, '').replace(/\/+$/, '')}`.toLowerCase();
}

/** A role is the same whether named by full id or by its GUID alone. */
function roleGuid(roleDefinitionId: string): string {
  return (roleDefinitionId.split('/').pop() ?? roleDefinitionId).toLowerCase();
}
