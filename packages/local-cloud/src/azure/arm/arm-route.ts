import type { AzureWorld } from '../world.ts';
import type { ApiFamily } from './api-versions.ts';
import type { Caller } from './authenticate.ts';

export interface ArmRequest {
  readonly method: string;
  readonly path: string;
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly apiVersion: string;
  readonly caller: Caller;
}

export interface ArmReply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** For `containerlogs`: raw bytes instead of JSON. */
  readonly contentType?: string;
}

export interface ArmRoute {
  readonly method: 'GET' | 'HEAD' | 'PUT' | 'PATCH' | 'POST' | 'DELETE';
  readonly pattern: string;
  readonly family: ApiFamily;
  /** Short type name for api-version errors (`registries`, `sites`...). */
  readonly resourceType: string;
  /** The RBAC action and scope the caller needs. */
  readonly permission: (params: Record<string, string>, world: AzureWorld) => { action: string; scope: string };
  readonly handle: (request: ArmRequest, world: AzureWorld) => Promise<ArmReply> | ArmReply;
}
