/** The built-in roles the flow needs, with their real ids and (trimmed) permissions. */
export interface BuiltInRole {
  readonly id: string;
  readonly roleName: string;
  readonly description: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
}

export const ownerRoleId = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
export const acrPullRoleId = '7f951dda-4ed3-4680-a7ca-43fe172d538d';

export const builtInRoles: readonly BuiltInRole[] = [
  { id: ownerRoleId, roleName: 'Owner', description: 'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.', actions: ['*'], notActions: [] },
  {
    id: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
    roleName: 'Contributor',
    description: 'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC.',
    actions: ['*'],
    notActions: ['Microsoft.Authorization/*/Delete', 'Microsoft.Authorization/*/Write', 'Microsoft.Authorization/elevateAccess/Action'],
  },
  { id: 'acdd72a7-3385-48ef-bd42-f606fba81ae7', roleName: 'Reader', description: 'View all resources, but does not allow you to make any changes.', actions: ['*/read'], notActions: [] },
  { id: acrPullRoleId, roleName: 'AcrPull', description: 'acr pull', actions: ['Microsoft.ContainerRegistry/registries/pull/read'], notActions: [] },
  {
    id: '8311e382-0749-4cb8-b61a-304f252e45ec',
    roleName: 'AcrPush',
    description: 'acr push',
    actions: ['Microsoft.ContainerRegistry/registries/pull/read', 'Microsoft.ContainerRegistry/registries/push/write'],
    notActions: [],
  },
  { id: 'c2f4ef07-c644-48eb-af81-4b1b4947fb11', roleName: 'AcrDelete', description: 'acr delete', actions: ['Microsoft.ContainerRegistry/registries/artifacts/delete'], notActions: [] },
];

export function roleDefinitionResourceId(subscriptionId: string, roleId: string): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`;
}

/** `roleDefinitionId` as callers send it (subscription-scoped or tenant-scoped) → the built-in role. */
export function findRole(roleDefinitionId: string): BuiltInRole | undefined {
  const match = /^(?:\/subscriptions\/[^/]+)?\/providers\/Microsoft\.Authorization\/roleDefinitions\/([^/]+)$/i.exec(roleDefinitionId);
  const guid = match?.[1]?.toLowerCase();
  return builtInRoles.find((role) => role.id === guid);
}

/** Azure's action patterns: case-insensitive, `*` matches any run of characters. */
function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`, 'i');
  return regex.test(action);
}

export function roleAllows(role: BuiltInRole, action: string): boolean {
  return role.actions.some((pattern) => actionMatches(pattern, action)) && !role.notActions.some((pattern) => actionMatches(pattern, action));
}

export function roleDefinitionBody(subscriptionId: string, role: BuiltInRole) {
  return {
    id: roleDefinitionResourceId(subscriptionId, role.id),
    name: role.id,
    type: 'Microsoft.Authorization/roleDefinitions',
    properties: {
      roleName: role.roleName,
      type: 'BuiltInRole',
      description: role.description,
      assignableScopes: ['/'],
      permissions: [{ actions: role.actions, notActions: role.notActions, dataActions: [], notDataActions: [] }],
      createdOn: '2015-02-02T21:55:09.8806423Z',
      updatedOn: '2021-11-11T20:13:28.6061853Z',
      createdBy: null,
      updatedBy: null,
    },
  };
}
