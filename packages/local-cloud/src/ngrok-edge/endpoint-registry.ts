import { randomBytes } from 'node:crypto';
import { AgentRpcError, type BindRequest, type BindResponse, type HttpEndpointOptions } from './agent-protocol.ts';
import { assertValidRestriction } from './edge-policies.ts';
import type { MuxSession } from './mux-session.ts';
import { startPublicEndpoint, type PublicEndpoint } from './public-endpoint.ts';

interface Endpoint {
  readonly id: string;
  readonly url: string;
  readonly domain: string | undefined;
  readonly server: PublicEndpoint;
  options: HttpEndpointOptions;
  owner: MuxSession | undefined;
  readonly waiters: Set<() => void>;
  expiry: NodeJS.Timeout | undefined;
}

export interface RegistryOptions {
  readonly tls: { cert: string; key: string };
  /** How long a public request waits for a reconnecting agent before "offline". */
  readonly reconnectGraceMs: number;
  /** How long an endpoint whose agent vanished keeps its URL for a reconnect. */
  readonly offlineTtlMs: number;
}

/**
 * The endpoints the edge serves, by tunnel id. An agent that reconnects re-binds with its old id
 * and gets the same endpoint (same port, same URL) back; a reserved domain keeps its port for the
 * life of the edge, so a new session asking for it gets the same URL too.
 */
export class EndpointRegistry {
  private readonly endpoints = new Map<string, Endpoint>();
  private readonly domainPorts = new Map<string, number>();

  constructor(private readonly options: RegistryOptions) {}

  list(): { id: string; url: string; online: boolean }[] {
    return [...this.endpoints.values()].map((endpoint) => ({ id: endpoint.id, url: endpoint.url, online: this.online(endpoint) }));
  }

  async bind(owner: MuxSession, request: BindRequest): Promise<BindResponse> {
    const proto = request.Proto ?? '';
    if (proto !== 'https' && proto !== 'http') {
      throw new AgentRpcError(`The local edge serves HTTP endpoints only, not "${proto}".`, 'ERR_NGROK_9034');
    }
    const options = request.Opts ?? {};
    try {
      assertValidRestriction(options.IPRestriction);
    } catch (error) {
      throw new AgentRpcError(`Invalid IP restriction: ${(error as Error).message}.`, 'ERR_NGROK_2403');
    }
    const known = request.Id ? this.endpoints.get(request.Id) : undefined;
    const endpoint = known ?? (await this.create(request.Id || `tn_${randomBytes(12).toString('hex')}`, options));
    endpoint.options = options;
    this.attach(endpoint, owner);
    return { Id: endpoint.id, URL: endpoint.url, Proto: proto, Opts: options, Extra: { Token: '' } };
  }

  async unbind(owner: MuxSession, id: string | undefined): Promise<void> {
    const endpoint = id ? this.endpoints.get(id) : undefined;
    if (endpoint && endpoint.owner === owner) await this.remove(endpoint);
  }

  /**
   * The agent's session ended. A GOAWAY removes its endpoints; a broken connection parks them
   * offline for a while, so a reconnecting agent gets its URL back. (The SDK unbinds each
   * listener it closes, which removes that endpoint at once.)
   */
  async detach(owner: MuxSession): Promise<void> {
    for (const endpoint of [...this.endpoints.values()]) {
      if (endpoint.owner !== owner) continue;
      endpoint.owner = undefined;
      if (owner.goneAway) {
        await this.remove(endpoint);
      } else {
        endpoint.expiry = setTimeout(() => void this.remove(endpoint), this.options.offlineTtlMs);
        endpoint.expiry.unref();
      }
    }
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.endpoints.values()].map((endpoint) => this.remove(endpoint)));
  }

  private online(endpoint: Endpoint): boolean {
    return endpoint.owner !== undefined && !endpoint.owner.isClosed;
  }

  private attach(endpoint: Endpoint, owner: MuxSession): void {
    endpoint.owner = owner;
    clearTimeout(endpoint.expiry);
    endpoint.expiry = undefined;
    for (const wake of endpoint.waiters) wake();
    endpoint.waiters.clear();
  }

  private async create(id: string, options: HttpEndpointOptions): Promise<Endpoint> {
    const domain = options.Domain || options.Hostname || undefined;
    if (domain && [...this.endpoints.values()].some((other) => other.domain === domain && this.online(other))) {
      throw new AgentRpcError(`The endpoint for ${domain} is already online in another session.`, 'ERR_NGROK_334');
    }
    let endpoint: Endpoint | undefined;
    const server = await startPublicEndpoint(this.options.tls, (domain && this.domainPorts.get(domain)) || 0, {
      tunnelId: id,
      url: () => endpoint?.url ?? '',
      options: () => endpoint?.options ?? options,
      session: () => (endpoint ? this.sessionFor(endpoint) : Promise.resolve(undefined)),
    });
    if (domain) this.domainPorts.set(domain, server.port);
    endpoint = { id, url: `https://127.0.0.1:${server.port}`, domain, server, options, owner: undefined, waiters: new Set(), expiry: undefined };
    this.endpoints.set(id, endpoint);
    return endpoint;
  }

  private sessionFor(endpoint: Endpoint): Promise<MuxSession | undefined> {
    if (this.online(endpoint)) return Promise.resolve(endpoint.owner);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        endpoint.waiters.delete(wake);
        resolve(this.online(endpoint) ? endpoint.owner : undefined);
      };
      const timer = setTimeout(wake, this.options.reconnectGraceMs);
      endpoint.waiters.add(wake);
    });
  }

  private async remove(endpoint: Endpoint): Promise<void> {
    if (this.endpoints.get(endpoint.id) !== endpoint) return;
    this.endpoints.delete(endpoint.id);
    clearTimeout(endpoint.expiry);
    for (const wake of endpoint.waiters) wake();
    await endpoint.server.close();
  }
}
