import { findRole, roleAllows } from './arm/role-definitions.ts';
import type { EmulatorState } from './state.ts';

/** An assignment at `scope` covers `target` when it is the same scope or an ancestor of it. */
export function scopeCovers(scope: string, target: string): boolean {
  const a = scope.toLowerCase().replace(/\/+$/, '');
  const b = target.toLowerCase();
  return a === '' || a === b || b.startsWith(`${a}/`);
}

/**
 * Azure RBAC, reduced to what the flow needs: does any role assigned to the principal at (or above)
 * `scope` allow `action`? Assignments younger than `propagationMs` do not count yet.
 */
export function isAllowed(
  state: EmulatorState,
  principalId: string,
  action: string,
  scope: string,
  options: { readonly now: number; readonly propagationMs?: number },
): boolean {
  return Object.values(state.roleAssignments).some((assignment) => {
    if (assignment.principalId.toLowerCase() !== principalId.toLowerCase()) return false;
    if (!scopeCovers(assignment.scope, scope)) return false;
    if (Date.parse(assignment.createdOn) + (options.propagationMs ?? 0) > options.now) return false;
    const role = findRole(assignment.roleDefinitionId);
    return role !== undefined && roleAllows(role, action);
  });
}
