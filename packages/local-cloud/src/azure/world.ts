import type { FaultController } from './faults.ts';
import type { SigningKey } from './signing-key.ts';
import type { StateStore } from './state-store.ts';
import type { StoredResource } from './state.ts';

export interface Clock {
  now(): number;
}

export interface LroSettings {
  /** `seeded`: each (method, resource) gets sync or async from the seed, so a run sees both shapes. */
  readonly mode: 'sync' | 'async' | 'seeded';
  readonly seed: number;
  /** How long an async operation stays `InProgress`. */
  readonly durationMs: number;
  readonly retryAfterSeconds: number;
}

/** What the data planes (ACR login servers, App Service runtime) do when ARM changes a resource. */
export interface ResourceHooks {
  /** Brings up a registry's login server / a site's front end; answers its `host:port`. */
  endpointFor(resource: Pick<StoredResource, 'id' | 'type'>): Promise<string>;
  changed(resource: StoredResource, reason: 'created' | 'updated' | 'restarted' | 'settings' | 'started' | 'stopped'): void;
  deleted(resource: StoredResource): Promise<void>;
  /** Resolves once the site's latest (re)start has finished, ready or failed (`restart?synchronous=true`). */
  started(resource: StoredResource): Promise<void>;
  /** The text `containerlogs` answers for a site. */
  containerLogs(resource: StoredResource): Promise<string>;
}

/** Everything an ARM handler needs, passed in (no globals) so tests build their own. */
export interface AzureWorld {
  readonly store: StateStore;
  readonly clock: Clock;
  readonly key: SigningKey;
  readonly lro: LroSettings;
  readonly faults: FaultController;
  readonly hooks: ResourceHooks;
  /** `https://127.0.0.1:PORT`, known once the ARM server listens. */
  armEndpoint: string;
}
