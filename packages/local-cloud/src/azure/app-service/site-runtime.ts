import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type Docker from 'dockerode';
import { refreshTokenUser } from '../acr/acr-tokens.ts';
import { issueEntraToken } from '../entra-tokens.ts';
import type { StoredResource } from '../state.ts';
import type { AzureWorld } from '../world.ts';
import { exchangeAtLoginServer } from './acr-exchange-client.ts';
import { containerOutput, pullImage, removeContainer } from './docker-io.ts';
import { parseLinuxFxVersion } from './linux-fx-version.ts';
import { RuntimeLog } from './runtime-log.ts';
import type { FrontEndTarget, Upstream } from './site-front-end.ts';

export interface RuntimeDeps {
  readonly world: AzureWorld;
  readonly docker: () => Promise<Docker>;
  readonly caPem: string;
  /** True when `host` is one of this emulator's ACR login servers. */
  readonly isLoginServer: (host: string) => boolean;
  /** Labels on every container (`skylift.local-cloud=azure` plus the caller's, e.g. `skylift.test=1`). */
  readonly labels: Record<string, string>;
  /** How soon a failed site may try again when traffic arrives. */
  readonly retryIntervalMs: number;
  readonly warmupIntervalMs: number;
}

type Status = 'idle' | 'starting' | 'ready' | 'failed' | 'stopped';

const defaultStartTimeLimitSeconds = 230;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Any HTTP answer counts, as for App Service's warm-up request. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, path: '/robots933456.txt', timeout: 2000 }, (response) => {
      response.resume();
      resolve(true);
    });
    outgoing.on('error', () => resolve(false));
    outgoing.on('timeout', () => {
      outgoing.destroy();
      resolve(false);
    });
    outgoing.end();
  });
}

/**
 * One site's container, App Service style: pull `linuxFxVersion` as the site's identity, run it
 * with the app settings as environment, warm it up on WEBSITES_PORT, and report why when not.
 */
export class SiteRuntime implements FrontEndTarget {
  private generation = 0;
  private status: Status = 'idle';
  private port: number | undefined;
  private containerId: string | undefined;
  private lastAttempt = 0;
  private lastContainerOutput = '';
  /** Containers a previous run of the emulator left behind (it was killed) are removed before the first start. */
  private orphansChecked = false;
  /** Starts run one after another: a newer restart waits for the older one to notice it is stale. */
  private starts: Promise<void> = Promise.resolve();
  readonly log: RuntimeLog;

  constructor(
    private readonly deps: RuntimeDeps,
    readonly siteId: string,
  ) {
    this.log = new RuntimeLog(() => deps.world.clock.now());
  }

  private site(): StoredResource | undefined {
    return this.deps.world.store.state.resources[this.siteId.toLowerCase()];
  }

  upstream(): Upstream {
    if (this.status === 'stopped') return { state: 'stopped' };
    return this.status === 'ready' && this.port !== undefined ? { state: 'ready', port: this.port } : { state: 'unavailable' };
  }

  poked(): void {
    if (this.status === 'failed' && this.deps.world.clock.now() - this.lastAttempt >= this.deps.retryIntervalMs) this.restart();
  }

  /** (Re)starts in the background; a newer restart supersedes an older one still running. */
  restart(): void {
    const generation = ++this.generation;
    this.status = 'starting';
    this.starts = this.starts.then(() =>
      this.start(generation).catch((error: unknown) => {
        if (generation !== this.generation) return;
        this.log.error(`Site start failed: ${(error as Error).message}`);
        this.status = 'failed';
      }),
    );
  }

  settled(): Promise<void> {
    return this.starts;
  }

  async stop(): Promise<void> {
    this.generation += 1;
    await this.removeCurrent();
    this.status = 'stopped';
  }

  async dispose(): Promise<void> {
    this.generation += 1;
    // An in-flight start notices it is stale at its next step; give it a moment so no container outlives us.
    await Promise.race([this.starts, sleep(15_000)]);
    await this.removeCurrent();
    this.status = 'idle';
  }

  async containerLogs(): Promise<string> {
    let output = this.lastContainerOutput;
    if (this.containerId) {
      const docker = await this.deps.docker();
      output = await containerOutput(docker, this.containerId).catch(() => output);
    }
    return `${this.log.text()}${output}`;
  }

  private async removeCurrent(): Promise<void> {
    const id = this.containerId;
    this.containerId = undefined;
    this.port = undefined;
    if (!id) return;
    const docker = await this.deps.docker();
    this.lastContainerOutput = await containerOutput(docker, id).catch(() => this.lastContainerOutput);
    await removeContainer(docker, id);
  }

  private async start(generation: number): Promise<void> {
    const site = this.site();
    if (!site || generation !== this.generation) return;
    if (site.properties.state === 'Stopped') return this.stop();
    this.status = 'starting';
    this.lastAttempt = this.deps.world.clock.now();
    await this.removeCurrent();
    const siteConfig = (site.properties.siteConfig ?? {}) as Record<string, unknown>;
    const parsed = parseLinuxFxVersion(siteConfig.linuxFxVersion);
    if (!parsed) {
      this.log.error(`linuxFxVersion '${String(siteConfig.linuxFxVersion ?? '')}' is not a DOCKER| image: the local cloud runs Web Apps for Containers only.`);
      this.status = 'failed';
      return;
    }
    const settings = this.deps.world.store.state.appSettings[site.id.toLowerCase()] ?? {};
    const docker = await this.deps.docker();
    if (!this.orphansChecked) {
      const leftovers = await docker.listContainers({ all: true, filters: { label: [`skylift.azure.site=${site.id}`] } });
      await Promise.all(leftovers.map((container) => removeContainer(docker, container.Id)));
      this.orphansChecked = true;
    }
    this.log.info(`Pulling image: ${parsed.image}`);
    try {
      await pullImage(docker, parsed.image, await this.pullAuth(site, parsed.registry, settings));
    } catch (error) {
      if (generation !== this.generation) return;
      this.log.error(`Pulling docker image ${parsed.image} failed: ${(error as Error).message}`);
      this.log.error('Image pull failed: Verify docker image configuration and credentials (if using private repository)');
      this.status = 'failed';
      return;
    }
    if (generation !== this.generation) return;
    this.log.info(`Pull Image successful, Time taken: 0 Seconds`);
    await this.run(generation, site, parsed.image, settings);
  }

  /** A container that dies is noticed (its published port may go to someone else), as App Service's health monitor does. */
  private watchExit(container: Docker.Container, generation: number, name: string, siteName: string): void {
    container.wait().then(
      (result: { StatusCode?: number }) => {
        if (generation !== this.generation || this.containerId !== container.id) return;
        this.log.error(`Container ${name} for site ${siteName} exited unexpectedly (code ${result.StatusCode ?? '?'}); the site will start again on the next request.`);
        this.port = undefined;
        this.status = 'failed';
      },
      () => undefined,
    );
  }

  /** ACR + acrUseManagedIdentityCreds: the site's own identity, through the registry's token exchange. */
  private async pullAuth(site: StoredResource, registry: string, settings: Record<string, string>) {
    const siteConfig = (site.properties.siteConfig ?? {}) as Record<string, unknown>;
    if (this.deps.isLoginServer(registry) && siteConfig.acrUseManagedIdentityCreds === true) {
      const principalId = site.identity?.principalId;
      const principal = principalId ? this.deps.world.store.state.principals[principalId] : undefined;
      if (!principal) throw new Error('acrUseManagedIdentityCreds is on but the site has no system-assigned identity: set identity.type SystemAssigned.');
      const { token } = issueEntraToken(this.deps.world, principal, this.deps.world.armEndpoint);
      const refresh = await exchangeAtLoginServer(registry, { tenant: this.deps.world.store.state.tenantId, accessToken: token }, this.deps.caPem);
      return { username: refreshTokenUser, password: refresh, serveraddress: registry };
    }
    const username = settings.DOCKER_REGISTRY_SERVER_USERNAME;
    const password = settings.DOCKER_REGISTRY_SERVER_PASSWORD;
    return username && password ? { username, password, serveraddress: registry } : undefined;
  }

  private async run(generation: number, site: StoredResource, image: string, settings: Record<string, string>): Promise<void> {
    const docker = await this.deps.docker();
    const containerPort = Number.parseInt(settings.WEBSITES_PORT ?? '', 10) || 80;
    const limitSeconds = Number.parseInt(settings.WEBSITES_CONTAINER_START_TIME_LIMIT ?? '', 10) || defaultStartTimeLimitSeconds;
    const name = `${site.name.toLowerCase()}_0_${randomBytes(4).toString('hex')}`;
    // App Service's docker.log shows the settings, WEBSITES_PORT among them, and PORT passed in.
    const env = Object.entries(settings).map(([key, value]) => `${key}=${value}`);
    env.push(`PORT=${containerPort}`, `WEBSITE_SITE_NAME=${site.name}`, `WEBSITE_HOSTNAME=${String(site.properties.defaultHostName)}`, `WEBSITE_RESOURCE_GROUP=${site.resourceGroup}`, 'WEBSITE_INSTANCE_ID=0');
    const siteConfig = (site.properties.siteConfig ?? {}) as Record<string, unknown>;
    const command = typeof siteConfig.appCommandLine === 'string' && siteConfig.appCommandLine.trim() !== '' ? siteConfig.appCommandLine.trim().split(/\s+/) : undefined;
    const container = await docker.createContainer({
      name: `skylift-azure-${name}`,
      Image: image,
      Env: env,
      ...(command ? { Cmd: command } : {}),
      Labels: { ...this.deps.labels, 'skylift.local-cloud': 'azure', 'skylift.azure.site': site.id },
      ExposedPorts: { [`${containerPort}/tcp`]: {} },
      HostConfig: { PortBindings: { [`${containerPort}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '' }] } },
    });
    if (generation !== this.generation) return removeContainer(docker, container.id);
    this.containerId = container.id;
    await container.start();
    const inspected = await container.inspect();
    const hostPort = Number(inspected.NetworkSettings.Ports[`${containerPort}/tcp`]?.[0]?.HostPort);
    // App Service's docker.log line, with the setting names only: values may be secrets.
    this.log.info(`Starting container for site`);
    this.log.info(`docker run -d -p 127.0.0.1:${hostPort}:${containerPort} --name ${name} ${env.map((entry) => `-e ${entry.split('=')[0]}`).join(' ')} ${image}`);
    this.log.info(`Initiating warmup request to container ${name} for site ${site.name}`);
    const deadline = this.deps.world.clock.now() + limitSeconds * 1000;
    while (this.deps.world.clock.now() < deadline) {
      if (generation !== this.generation) return;
      if (await ping(hostPort)) {
        if (generation !== this.generation) return;
        this.port = hostPort;
        this.status = 'ready';
        this.log.info(`Container ${name} for site ${site.name} initialized successfully and is ready to serve requests.`);
        this.watchExit(container, generation, name, site.name);
        return;
      }
      const state = await container.inspect().then((info) => info.State);
      if (!state.Running) {
        this.log.error(`Container ${name} for site ${site.name} has exited (code ${state.ExitCode}), failing site start`);
        this.log.error(`Container ${name} didn't respond to HTTP pings on port: ${containerPort}, failing site start. See container logs for debugging.`);
        await this.removeCurrent();
        this.status = 'failed';
        return;
      }
      await sleep(this.deps.warmupIntervalMs);
    }
    if (generation !== this.generation) return;
    this.log.error(`Container ${name} for site ${site.name} did not start within expected time limit. Elapsed time = ${limitSeconds} sec`);
    this.log.error(`Container ${name} didn't respond to HTTP pings on port: ${containerPort}, failing site start. See container logs for debugging.`);
    await this.removeCurrent();
    this.status = 'failed';
  }
}
