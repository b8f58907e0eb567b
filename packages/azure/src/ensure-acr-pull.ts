import type { ArmClients } from './arm-clients.ts';
import { armGet } from './arm-call.ts';
import { toSkyliftError } from './arm-error.ts';
import { AzurePrincipalNotFound } from './errors.ts';
import { errorFacts, withRetry, type RetryOptions } from './retry.ts';
import { roleAssignmentName } from './role-assignment-name.ts';

/** Built-in role "AcrPull": the same GUID in every cloud and tenant. */
export const ACR_PULL_ROLE_GUID = '7f951dda-4ed3-4680-a7ca-43fe172d538d';

export interface AcrPullSpec {
  /** The registry's resource id: the grant is on the registry only, never the group. */
  readonly registryId: string;
  /** The web app's system-assigned identity. */
  readonly principalId: string;
}

export interface EnsuredAcrPull {
  /** The assignment's resource id, what `down` deletes. */
  readonly id: string;
  readonly scope: string;
  readonly name: string;
  readonly created: boolean;
}

/**
 * A new managed identity takes a while to replicate to Entra; until then ARM answers
 * `400 PrincipalNotFound`. Azure's own guidance is to retry for a few minutes.
 */
export const PRINCIPAL_RETRY: RetryOptions = { attempts: 12, baseDelayMs: 5_000, maxDelayMs: 30_000 };

export function acrPullRoleDefinitionId(subscriptionId: string): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${ACR_PULL_ROLE_GUID}`;
}

/**
 * Grants AcrPull to the web app's identity on the registry. The assignment name is derived from
 * what is granted, so re-runs find it (no write) or PUT the same one (409 RoleAssignmentExists,
 * which means done) instead of piling up duplicates.
 */
export async function ensureAcrPull(
  clients: ArmClients,
  spec: AcrPullSpec,
  principalRetry: RetryOptions = PRINCIPAL_RETRY,
): Promise<EnsuredAcrPull> {
  const roleDefinitionId = acrPullRoleDefinitionId(clients.subscriptionId);
  const name = roleAssignmentName(spec.registryId, spec.principalId, roleDefinitionId);
  const resource = `AcrPull role assignment for ${spec.principalId} on ${spec.registryId.split('/').pop()}`;
  const assignments = clients.authorization.roleAssignments;
  const done = (id: string, created: boolean): EnsuredAcrPull => ({ id, scope: spec.registryId, name, created });

  const existing = await armGet(resource, clients.retry, () => assignments.get(spec.registryId, name));
  if (existing !== undefined) return done(existing.id!, false);

  const create = async () => {
    try {
      return await assignments.create(spec.registryId, name, {
        roleDefinitionId,
        principalId: spec.principalId,
        principalType: 'ServicePrincipal',
      });
    } catch (error) {
      // Someone (or an earlier run under another name) granted it already: the goal holds.
      if (errorFacts(error).code === 'RoleAssignmentExists') return undefined;
      throw error;
    }
  };
  const started = Date.now();
  try {
    // Inner loop: transient ARM failures; outer loop: the identity replication window.
    const assignment = await withRetry(
      () => withRetry(create, clients.retry),
      principalRetry,
      (facts) => facts.code === 'PrincipalNotFound',
    );
    const id = assignment?.id ?? `${spec.registryId}/providers/Microsoft.Authorization/roleAssignments/${name}`;
    return done(id, assignment !== undefined);
  } catch (error) {
    if (errorFacts(error).code === 'PrincipalNotFound') throw AzurePrincipalNotFound(resource, Date.now() - started);
    throw toSkyliftError(error, resource, clients.retry.attempts);
  }
}
