import type { StoredRoleAssignment } from '../state.ts';
import { scopeCovers } from '../rbac.ts';
import type { AzureWorld } from '../world.ts';
import { ArmError, invalidRequestContent } from './arm-error.ts';
import type { ArmRequest, ArmRoute } from './arm-route.ts';
import { objectBody, optionalObject } from './bodies.ts';
import { requireGroup, requireSubscription } from './resources.ts';
import { builtInRoles, findRole, roleDefinitionBody, roleDefinitionResourceId } from './role-definitions.ts';

const assignmentsBase = '{scope+}/providers/Microsoft.Authorization/roleAssignments';
const definitionsBase = '{scope+}/providers/Microsoft.Authorization/roleDefinitions';
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A scope must name something that exists: the subscription, a group, or a resource in it. */
function checkScope(world: AzureWorld, scope: string): void {
  const segments = scope.split('/').filter(Boolean);
  if (segments.length < 2 || segments[0]?.toLowerCase() !== 'subscriptions') {
    throw new ArmError(400, 'InvalidScope', `The scope '${scope}' is not valid for a role assignment: use a subscription, resource group or resource id.`);
  }
  requireSubscription(world, segments[1] as string);
  if (segments.length === 2) return;
  if (segments[2]?.toLowerCase() !== 'resourcegroups' || segments.length < 4) throw new ArmError(400, 'InvalidScope', `The scope '${scope}' is not valid.`);
  requireGroup(world, segments[1] as string, segments[3] as string);
  if (segments.length === 4) return;
  const exists = world.store.state.resources[scope.toLowerCase()];
  if (!exists) throw new ArmError(404, 'ResourceNotFound', `The Resource '${segments.slice(5).join('/')}' under resource group '${segments[3]}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
}

function renderAssignment(assignment: StoredRoleAssignment) {
  return {
    properties: {
      roleDefinitionId: assignment.roleDefinitionId,
      principalId: assignment.principalId,
      principalType: assignment.principalType,
      scope: assignment.scope,
      condition: null,
      conditionVersion: null,
      createdOn: assignment.createdOn,
      updatedOn: assignment.createdOn,
      createdBy: assignment.createdBy,
      updatedBy: assignment.createdBy,
      delegatedManagedIdentityResourceId: null,
      description: assignment.description,
    },
    id: assignment.id,
    type: 'Microsoft.Authorization/roleAssignments',
    name: assignment.name,
  };
}

const assignmentId = (scope: string, name: string) => `${scope === '/' ? '' : scope}/providers/Microsoft.Authorization/roleAssignments/${name}`;

function principalNotFound(world: AzureWorld, principalId: string) {
  return new ArmError(
    400,
    'PrincipalNotFound',
    `Principal ${principalId.replaceAll('-', '')} does not exist in the directory ${world.store.state.tenantId}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype`,
  );
}

async function putAssignment(request: ArmRequest, world: AzureWorld) {
  const { scope, roleAssignmentName: name } = request.params as { scope: string; roleAssignmentName: string };
  if (!guid.test(name)) throw new ArmError(400, 'InvalidRoleAssignmentId', `The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`);
  checkScope(world, scope);
  const properties = optionalObject(objectBody(request.body).properties, 'properties');
  const { roleDefinitionId, principalId } = properties ?? {};
  if (typeof roleDefinitionId !== 'string' || typeof principalId !== 'string') throw invalidRequestContent("'properties.roleDefinitionId' and 'properties.principalId' are required");
  const role = findRole(roleDefinitionId);
  if (!role) throw new ArmError(400, 'RoleDefinitionDoesNotExist', `The specified role definition with ID '${roleDefinitionId.split('/').pop()}' does not exist.`);
  const { state } = world.store;
  const principal = state.principals[principalId.toLowerCase()];
  const now = world.clock.now();
  if (!principal || now - principal.createdAt < world.faults.principalNotFoundMs) throw principalNotFound(world, principalId);
  const principalType = typeof properties?.principalType === 'string' ? properties.principalType : principal.kind;
  if (principalType !== principal.kind) {
    throw new ArmError(400, 'UnmatchedPrincipalType', `The PrincipalId '${principalId.replaceAll('-', '')}' has type '${principal.kind}' , which is different from specified PrincipalType '${principalType}'.`);
  }
  const id = assignmentId(scope, name);
  const existing = state.roleAssignments[id.toLowerCase()];
  const same = (assignment: StoredRoleAssignment) =>
    assignment.principalId.toLowerCase() === principalId.toLowerCase() &&
    findRole(assignment.roleDefinitionId)?.id === role.id &&
    assignment.scope.toLowerCase() === scope.toLowerCase();
  if (existing && !same(existing)) throw new ArmError(400, 'RoleAssignmentUpdateNotPermitted', 'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.');
  // RBAC's PUT is not idempotent: the same assignment again, under its own name or another, is a 409.
  if (Object.values(state.roleAssignments).some(same)) throw new ArmError(409, 'RoleAssignmentExists', 'The role assignment already exists.');
  const assignment: StoredRoleAssignment = {
    id,
    name,
    scope,
    roleDefinitionId: roleDefinitionResourceId(state.subscriptionId, role.id),
    principalId: principal.objectId,
    principalType,
    description: typeof properties?.description === 'string' ? properties.description : null,
    createdOn: new Date(now).toISOString(),
    createdBy: request.caller.objectId,
  };
  state.roleAssignments[id.toLowerCase()] = assignment;
  await world.store.save();
  return { status: 201, body: renderAssignment(assignment) };
}

/** `$filter`: `atScope()`, `principalId eq '…'`, `assignedTo('…')` (the forms the SDK documents). */
function assignmentFilter(filter: string | null, scope: string) {
  const conditions: ((assignment: StoredRoleAssignment) => boolean)[] = [];
  for (const clause of (filter ?? '').split(/\s+and\s+/i).filter(Boolean)) {
    const principal = /^(?:principalId\s+eq\s+'([^']+)'|assignedTo\('([^']+)'\))$/i.exec(clause.trim());
    if (/^atScope\(\)$/i.test(clause.trim())) conditions.push((assignment) => scopeCovers(assignment.scope, scope));
    else if (principal) conditions.push((assignment) => assignment.principalId.toLowerCase() === (principal[1] ?? principal[2] ?? '').toLowerCase());
    else throw new ArmError(400, 'InvalidFilterInQueryString', `Invalid $filter '${filter}' specified in the query string.`);
  }
  return (assignment: StoredRoleAssignment) =>
    (scopeCovers(assignment.scope, scope) || scopeCovers(scope, assignment.scope)) && conditions.every((condition) => condition(assignment));
}

const assignmentPermission = (verb: string) => (params: Record<string, string>) => ({ action: `Microsoft.Authorization/roleAssignments/${verb}`, scope: params.scope as string });

export const authorizationRoutes: ArmRoute[] = [
  {
    method: 'PUT',
    pattern: `${assignmentsBase}/{roleAssignmentName}`,
    family: 'roleAssignments',
    resourceType: 'roleAssignments',
    permission: assignmentPermission('write'),
    handle: putAssignment,
  },
  {
    method: 'GET',
    pattern: `${assignmentsBase}/{roleAssignmentName}`,
    family: 'roleAssignments',
    resourceType: 'roleAssignments',
    permission: assignmentPermission('read'),
    handle: (request, world) => {
      const { scope, roleAssignmentName: name } = request.params as { scope: string; roleAssignmentName: string };
      const assignment = world.store.state.roleAssignments[assignmentId(scope, name).toLowerCase()];
      if (!assignment) throw new ArmError(404, 'RoleAssignmentNotFound', `The role assignment '${name}' is not found.`);
      return { status: 200, body: renderAssignment(assignment) };
    },
  },
  {
    method: 'DELETE',
    pattern: `${assignmentsBase}/{roleAssignmentName}`,
    family: 'roleAssignments',
    resourceType: 'roleAssignments',
    permission: assignmentPermission('delete'),
    handle: async (request, world) => {
      const { scope, roleAssignmentName: name } = request.params as { scope: string; roleAssignmentName: string };
      const key = assignmentId(scope, name).toLowerCase();
      const assignment = world.store.state.roleAssignments[key];
      if (!assignment) return { status: 204 };
      delete world.store.state.roleAssignments[key];
      await world.store.save();
      return { status: 200, body: renderAssignment(assignment) };
    },
  },
  {
    method: 'GET',
    pattern: assignmentsBase,
    family: 'roleAssignments',
    resourceType: 'roleAssignments',
    permission: assignmentPermission('read'),
    handle: (request, world) => {
      const keep = assignmentFilter(request.query.get('$filter'), request.params.scope as string);
      return { status: 200, body: { value: Object.values(world.store.state.roleAssignments).filter(keep).map(renderAssignment) } };
    },
  },
  {
    method: 'GET',
    pattern: `${definitionsBase}/{roleDefinitionId}`,
    family: 'roleDefinitions',
    resourceType: 'roleDefinitions',
    permission: (_params, world) => ({ action: 'Microsoft.Authorization/roleDefinitions/read', scope: `/subscriptions/${world.store.state.subscriptionId}` }),
    handle: (request, world) => {
      const role = findRole(`/providers/Microsoft.Authorization/roleDefinitions/${request.params.roleDefinitionId}`);
      if (!role) throw new ArmError(404, 'RoleDefinitionDoesNotExist', `The specified role definition with ID '${request.params.roleDefinitionId}' does not exist.`);
      return { status: 200, body: roleDefinitionBody(world.store.state.subscriptionId, role) };
    },
  },
  {
    method: 'GET',
    pattern: definitionsBase,
    family: 'roleDefinitions',
    resourceType: 'roleDefinitions',
    permission: (_params, world) => ({ action: 'Microsoft.Authorization/roleDefinitions/read', scope: `/subscriptions/${world.store.state.subscriptionId}` }),
    handle: (request, world) => {
      const filter = request.query.get('$filter');
      const byName = filter ? /^roleName\s+eq\s+'([^']+)'$/i.exec(filter.trim()) : null;
      if (filter && !byName && !/^type\s+eq\s+'BuiltInRole'$/i.test(filter.trim())) {
        throw new ArmError(400, 'InvalidFilterInQueryString', `Invalid $filter '${filter}' specified in the query string.`);
      }
      const roles = builtInRoles.filter((role) => !byName || role.roleName.toLowerCase() === byName[1]?.toLowerCase());
      return { status: 200, body: { value: roles.map((role) => roleDefinitionBody(world.store.state.subscriptionId, role)) } };
    },
  },
];
