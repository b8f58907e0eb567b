import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { ensureLocalCa } from '../ca.ts';
import { writeFileAtomic } from './atomic-file.ts';
import { createArmServer } from './arm/arm-server.ts';
import { settle } from './arm/resources.ts';
import { DataPlane } from './data-plane.ts';
import { issueEntraToken } from './entra-tokens.ts';
import { FaultController, type AzureFaults } from './faults.ts';
import { createIdentityServer, identityPath } from './identity-server.ts';
import { loadSigningKey } from './signing-key.ts';
import { StateStore } from './state-store.ts';
import type { AzureWorld, Clock, LroSettings } from './world.ts';

export interface AzureEmulatorOptions {
  /** Where state.json, the signing key and the identity header live (survives restarts). */
  readonly stateDir: string;
  /** Picks sync (200) or async (201/202 + poll URLs) answers per resource; default 1. */
  readonly seed?: number;
  /** Forces one LRO shape instead of the seeded mix. */
  readonly lro?: LroSettings['mode'];
  /** How long async operations stay InProgress (default 1000 ms). */
  readonly asyncDurationMs?: number;
  /** `Retry-After` on 201/202 and 202 polls, in seconds (default 1; 0 lets tests poll at their own pace). */
  readonly retryAfterSeconds?: number;
  readonly faults?: AzureFaults;
  /** ARM and identity ports; default: the ones used last time in this stateDir, else ephemeral. */
  readonly armPort?: number;
  readonly identityPort?: number;
  /** The Docker Engine that runs sites (default: `ensureDockerEngine()`). */
  readonly docker?: () => Promise<Docker>;
  /** The registry behind the ACR login servers (default: `ensureRegistry()`). */
  readonly registry?: () => Promise<{ readonly url: string }>;
  /** Extra labels on site containers (tests pass `skylift.test=1`). */
  readonly containerLabels?: Record<string, string>;
  /** A failed site retries its start on traffic after this long (default 10 s). */
  readonly siteRetryIntervalMs?: number;
  readonly warmupIntervalMs?: number;
  readonly clock?: Clock;
  /** Receives one line per ARM call (method, path, status): the daemon's log. */
  readonly log?: (line: string) => void;
}

export interface AzureEmulator {
  /** `https://127.0.0.1:PORT`: pass as the SDK clients' `endpoint` and `<armEndpoint>/.default` as scope. */
  readonly armEndpoint: string;
  /** `http://127.0.0.1:PORT/msi/token`: the value for IDENTITY_ENDPOINT. */
  readonly identityEndpoint: string;
  /** The value for IDENTITY_HEADER (a secret: never print it). */
  readonly identityHeader: string;
  readonly subscriptionId: string;
  readonly tenantId: string;
  /** The developer principal's object id (Owner of the subscription). */
  readonly developerObjectId: string;
  /** Replaces the injected faults (the control endpoint does the same over HTTP). */
  setFaults(faults: AzureFaults): void;
  /** An Entra token for any known principal (tests: a site's identity), audience `resource`. */
  tokenFor(principalId: string, resource: string): string;
  close(): Promise<void>;
}

async function ensureIdentityHeader(stateDir: string): Promise<string> {
  const path = join(stateDir, 'identity-header');
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const header = randomBytes(24).toString('hex');
  await writeFileAtomic(path, `${header}\n`, 0o600);
  return header;
}

async function defaultDocker(): Promise<Docker> {
  const { ensureDockerEngine } = await import('../docker-engine.ts');
  return (await ensureDockerEngine()).docker;
}

async function defaultRegistry(): Promise<{ url: string }> {
  const { ensureRegistry } = await import('../registry.ts');
  return ensureRegistry();
}

/** Memoises a lazy dependency, forgetting failures so a later call can try again. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= make().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

/**
 * The local Azure: ARM (resource groups, ACR, App Service, RBAC) over HTTPS, App Service's
 * managed-identity endpoint, one ACR login server per registry and one front end per site.
 */
export async function startAzureEmulator(options: AzureEmulatorOptions): Promise<AzureEmulator> {
  await mkdir(options.stateDir, { recursive: true, mode: 0o700 });
  const clock = options.clock ?? { now: () => Date.now() };
  const [ca, key, identityHeader] = await Promise.all([ensureLocalCa(), loadSigningKey(options.stateDir), ensureIdentityHeader(options.stateDir)]);
  const store = await StateStore.open(options.stateDir, clock.now());
  const tls = { cert: ca.leaf.cert, key: ca.leaf.key };
  const dataPlane = new DataPlane({
    tls,
    caPem: ca.caPem,
    docker: once(options.docker ?? defaultDocker),
    backend: once(options.registry ?? defaultRegistry),
    labels: options.containerLabels ?? {},
    retryIntervalMs: options.siteRetryIntervalMs ?? 10_000,
    warmupIntervalMs: options.warmupIntervalMs ?? 1_000,
  });
  const world: AzureWorld = {
    store,
    clock,
    key,
    lro: { mode: options.lro ?? 'seeded', seed: options.seed ?? 1, durationMs: options.asyncDurationMs ?? 1_000, retryAfterSeconds: options.retryAfterSeconds ?? 1 },
    faults: new FaultController(options.faults),
    hooks: dataPlane,
    armEndpoint: '',
  };
  dataPlane.attach(world);

  const arm = createArmServer(world, { tls, controlSecret: identityHeader, log: options.log });
  const identity = createIdentityServer(world, identityHeader);
  const armPort = options.armPort ?? store.state.ports.arm ?? 0;
  const identityPort = options.identityPort ?? store.state.ports.identity ?? 0;
  await arm.listen({ host: '127.0.0.1', port: armPort }).catch(() => arm.listen({ host: '127.0.0.1', port: 0 }));
  await identity.listen({ host: '127.0.0.1', port: identityPort }).catch(() => identity.listen({ host: '127.0.0.1', port: 0 }));
  const actualArm = (arm.server.address() as { port: number }).port;
  const actualIdentity = (identity.server.address() as { port: number }).port;
  store.state.ports.arm = actualArm;
  store.state.ports.identity = actualIdentity;
  await store.save();
  world.armEndpoint = `https://127.0.0.1:${actualArm}`;
  await dataPlane.restore();

  // Async operations finish on time even when nobody polls (a deleted group stops its sites).
  const timer = setInterval(() => void settle(world).catch(() => undefined), 250);
  timer.unref();

  return {
    armEndpoint: world.armEndpoint,
    identityEndpoint: `http://127.0.0.1:${actualIdentity}${identityPath}`,
    identityHeader,
    subscriptionId: store.state.subscriptionId,
    tenantId: store.state.tenantId,
    developerObjectId: store.state.developerObjectId,
    setFaults: (faults) => world.faults.set(faults),
    tokenFor: (principalId, resource) => {
      const principal = store.state.principals[principalId.toLowerCase()];
      if (!principal) throw new Error(`no principal ${principalId}`);
      return issueEntraToken(world, principal, resource).token;
    },
    close: async () => {
      clearInterval(timer);
      await Promise.all([arm.close(), identity.close()]);
      await dataPlane.close();
      await store.save();
    },
  };
}
