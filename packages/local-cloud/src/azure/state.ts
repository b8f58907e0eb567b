/**
 * What the emulator remembers, as one JSON document on disk. Keys of the maps are lower-cased ids
 * (ARM ids and names are case-insensitive); the values keep the casing the caller used.
 */
export interface StoredResourceGroup {
  readonly id: string;
  readonly name: string;
  readonly location: string;
  tags: Record<string, string>;
  managedBy?: string;
  /** Set while an async delete runs: the group answers `Deleting` until then. */
  deletingUntil?: number;
}

export interface StoredIdentity {
  readonly type: string;
  readonly principalId?: string;
  readonly tenantId?: string;
}

export interface StoredResource {
  readonly id: string;
  readonly name: string;
  /** `Microsoft.ContainerRegistry/registries`, `Microsoft.Web/serverfarms`, `Microsoft.Web/sites`. */
  readonly type: string;
  readonly resourceGroup: string;
  readonly location: string;
  tags: Record<string, string>;
  kind?: string;
  sku?: Record<string, unknown>;
  identity?: StoredIdentity;
  /** The wire `properties` as the provider answers them (read-only ones included). */
  properties: Record<string, unknown>;
  /** An async create/update/delete in flight: `provisioningState` until `until` (epoch ms). */
  pending?: { readonly state: 'Creating' | 'Updating' | 'Deleting'; readonly until: number };
  readonly createdAt: string;
}

export interface StoredRoleAssignment {
  readonly id: string;
  readonly name: string;
  readonly scope: string;
  readonly roleDefinitionId: string;
  readonly principalId: string;
  readonly principalType: string;
  readonly description: string | null;
  readonly createdOn: string;
  readonly createdBy: string;
}

export interface StoredPrincipal {
  readonly objectId: string;
  readonly kind: 'User' | 'ServicePrincipal';
  readonly displayName: string;
  /** Epoch ms: the directory "replicates" new principals (see the PrincipalNotFound fault). */
  readonly createdAt: number;
  /** For a system-assigned identity: the resource it belongs to. */
  readonly resourceId?: string;
}

export interface StoredOperation {
  readonly id: string;
  readonly resourceId: string;
  readonly method: 'PUT' | 'DELETE';
  readonly startedAt: number;
  readonly doneAt: number;
  /** What the Location poll answers at the end (the resource for a PUT, nothing for a DELETE). */
  readonly finalBody?: 'resource';
}

export interface EmulatorState {
  readonly version: 1;
  readonly subscriptionId: string;
  readonly tenantId: string;
  readonly developerObjectId: string;
  /** Loopback ports handed out, by role (`arm`, `identity`, `login:<id>`, `site:<id>:https`...), reused after a restart. */
  ports: Record<string, number>;
  resourceGroups: Record<string, StoredResourceGroup>;
  resources: Record<string, StoredResource>;
  roleAssignments: Record<string, StoredRoleAssignment>;
  principals: Record<string, StoredPrincipal>;
  operations: Record<string, StoredOperation>;
  /** App settings per site id (lower-cased): never part of the site's GET, as in Azure. */
  appSettings: Record<string, Record<string, string>>;
}
