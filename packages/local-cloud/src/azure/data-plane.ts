import type Docker from 'dockerode';
import { LoginServer } from './acr/login-server.ts';
import { SiteFrontEnd } from './app-service/site-front-end.ts';
import { SiteRuntime } from './app-service/site-runtime.ts';
import type { StoredResource } from './state.ts';
import type { AzureWorld, ResourceHooks } from './world.ts';

export interface DataPlaneDeps {
  readonly tls: { readonly cert: string; readonly key: string };
  readonly caPem: string;
  readonly docker: () => Promise<Docker>;
  readonly backend: () => Promise<{ readonly url: string }>;
  readonly labels: Record<string, string>;
  readonly retryIntervalMs: number;
  readonly warmupIntervalMs: number;
}

const isRegistry = (resource: Pick<StoredResource, 'type'>) => resource.type.toLowerCase() === 'microsoft.containerregistry/registries';
const isSite = (resource: Pick<StoredResource, 'type'>) => resource.type.toLowerCase() === 'microsoft.web/sites';

/** ACR login servers and App Service sites behind ARM: what happens on the loopback ports when ARM changes things. */
export class DataPlane implements ResourceHooks {
  private readonly loginServers = new Map<string, LoginServer>();
  private readonly sites = new Map<string, { frontEnd: SiteFrontEnd; runtime: SiteRuntime }>();
  private world: AzureWorld | undefined;

  constructor(private readonly deps: DataPlaneDeps) {}

  attach(world: AzureWorld): void {
    this.world = world;
  }

  private requireWorld(): AzureWorld {
    if (!this.world) throw new Error('DataPlane used before attach()');
    return this.world;
  }

  async endpointFor(resource: Pick<StoredResource, 'id' | 'type'>): Promise<string> {
    const key = resource.id.toLowerCase();
    const world = this.requireWorld();
    if (isRegistry(resource)) {
      const existing = this.loginServers.get(key);
      if (existing) return existing.host;
      const server = new LoginServer({ world, tls: this.deps.tls, backend: this.deps.backend }, resource.id);
      this.loginServers.set(key, server);
      return server.listen();
    }
    if (isSite(resource)) {
      const existing = this.sites.get(key);
      if (existing) return existing.frontEnd.host;
      const runtime = new SiteRuntime(
        {
          world,
          docker: this.deps.docker,
          caPem: this.deps.caPem,
          isLoginServer: (host) => [...this.loginServers.values()].some((server) => server.host === host),
          labels: this.deps.labels,
          retryIntervalMs: this.deps.retryIntervalMs,
          warmupIntervalMs: this.deps.warmupIntervalMs,
        },
        resource.id,
      );
      const frontEnd = new SiteFrontEnd(world, this.deps.tls, resource.id, runtime);
      this.sites.set(key, { frontEnd, runtime });
      return frontEnd.listen();
    }
    throw new Error(`no data plane for ${resource.type}`);
  }

  changed(resource: StoredResource, reason: 'created' | 'updated' | 'restarted' | 'settings' | 'started' | 'stopped'): void {
    if (!isSite(resource)) return;
    const site = this.sites.get(resource.id.toLowerCase());
    if (!site) return;
    if (reason === 'stopped') void site.runtime.stop();
    else site.runtime.restart();
  }

  async deleted(resource: StoredResource): Promise<void> {
    const key = resource.id.toLowerCase();
    const server = this.loginServers.get(key);
    if (server) {
      this.loginServers.delete(key);
      await server.close();
    }
    const site = this.sites.get(key);
    if (site) {
      this.sites.delete(key);
      await site.runtime.dispose();
      await site.frontEnd.close();
    }
  }

  async started(resource: StoredResource): Promise<void> {
    await this.sites.get(resource.id.toLowerCase())?.runtime.settled();
  }

  async containerLogs(resource: StoredResource): Promise<string> {
    return (await this.sites.get(resource.id.toLowerCase())?.runtime.containerLogs()) ?? '';
  }

  /**
   * After a restart of the emulator: login servers and front ends come back on their ports and
   * sites start again. When a port was taken meanwhile the endpoint moves, and ARM says so.
   */
  async restore(): Promise<void> {
    const world = this.requireWorld();
    const resources = Object.values(world.store.state.resources);
    for (const resource of resources.filter(isRegistry)) {
      const host = await this.endpointFor(resource);
      if (resource.properties.loginServer !== host) resource.properties.loginServer = host;
    }
    for (const resource of resources.filter(isSite)) {
      const host = await this.endpointFor(resource);
      if (resource.properties.defaultHostName !== host) {
        Object.assign(resource.properties, {
          defaultHostName: host,
          hostNames: [host],
          enabledHostNames: [host],
          hostNameSslStates: [{ name: host, sslState: 'Disabled', hostType: 'Standard' }],
        });
      }
      this.changed(resource, 'restarted');
    }
    await world.store.save();
  }

  async close(): Promise<void> {
    for (const server of this.loginServers.values()) await server.close();
    for (const { runtime, frontEnd } of this.sites.values()) {
      await runtime.dispose().catch(() => undefined);
      await frontEnd.close();
    }
    this.loginServers.clear();
    this.sites.clear();
  }
}
