import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnStablePort } from '../ports.ts';
import type { StoredResource } from '../state.ts';
import type { AzureWorld } from '../world.ts';
import { AcrAuthError, accessOfBearer, exchangeForRefreshToken, grantedAccess, issueAccessToken, principalOfRefreshToken, refreshTokenUser } from './acr-tokens.ts';
import { readBody, sendJson } from './http-io.ts';
import { backendNamespace, parseRegistryPath, proxyToBackend } from './registry-proxy.ts';
import { grants, scopesOf, type AccessEntry } from './scopes.ts';

export interface LoginServerDeps {
  readonly world: AzureWorld;
  readonly tls: { readonly cert: string; readonly key: string };
  /** The shared docker-registry (plain HTTP on loopback), resolved on first data-plane use. */
  readonly backend: () => Promise<{ readonly url: string }>;
}

const unauthorizedMessage = 'authentication required, visit https://aka.ms/acr/authorization for more information.';

/**
 * One registry's login server: ACR's token flow in front of the shared docker-registry.
 * `GET /v2/` → 401 challenge → `/oauth2/exchange` (Entra → refresh token) → `/oauth2/token`
 * (refresh grant or Basic) → access token whose scopes RBAC decided → proxied data plane.
 */
export class LoginServer {
  private server: Server | undefined;
  host = '';

  constructor(
    private readonly deps: LoginServerDeps,
    readonly registryId: string,
  ) {}

  async listen(): Promise<string> {
    this.server = createServer({ cert: this.deps.tls.cert, key: this.deps.tls.key }, (request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) sendJson(response, 500, { errors: [{ code: 'UNKNOWN', message: (error as Error).message }] });
      });
    });
    const port = await listenOnStablePort(this.server, this.deps.world.store, `login:${this.registryId.toLowerCase()}`);
    this.host = `127.0.0.1:${port}`;
    return this.host;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private registry(): StoredResource | undefined {
    return this.deps.world.store.state.resources[this.registryId.toLowerCase()];
  }

  private challenge(response: ServerResponse, scope?: AccessEntry, insufficient = false): void {
    const parts = [`Bearer realm="https://${this.host}/oauth2/token"`, `service="${this.host}"`];
    if (scope) parts.push(`scope="${scope.type}:${scope.name}:${scope.actions.join(',')}"`);
    if (insufficient) parts.push('error="insufficient_scope"');
    const detail = scope ? scope.actions.map((action) => ({ Type: scope.type, Name: scope.name, Action: action })) : undefined;
    sendJson(response, 401, { errors: [{ code: 'UNAUTHORIZED', message: unauthorizedMessage, ...(detail ? { detail } : {}) }] }, {
      'www-authenticate': parts.join(','),
      'docker-distribution-api-version': 'registry/2.0',
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const registry = this.registry();
    if (!registry) return sendJson(response, 404, { errors: [{ code: 'NAME_UNKNOWN', message: 'registry does not exist' }] });
    const url = new URL(`https://${this.host}${request.url ?? '/'}`);
    try {
      if (url.pathname === '/oauth2/exchange' && request.method === 'POST') {
        const form = new URLSearchParams((await readBody(request)).toString('utf8'));
        return sendJson(response, 200, { refresh_token: exchangeForRefreshToken(this.deps.world, this.host, form) });
      }
      if (url.pathname === '/oauth2/token' && (request.method === 'POST' || request.method === 'GET')) {
        return sendJson(response, 200, { access_token: await this.accessToken(request, url, registry) });
      }
    } catch (error) {
      if (!(error instanceof AcrAuthError)) throw error;
      return sendJson(response, error.status, { errors: [{ code: error.status === 401 ? 'UNAUTHORIZED' : 'BAD_REQUEST', message: error.message }] });
    }
    if (url.pathname === '/v2' || url.pathname === '/v2/') {
      if (!this.bearerAccess(request)) return this.challenge(response);
      return sendJson(response, 200, {}, { 'docker-distribution-api-version': 'registry/2.0' });
    }
    const needed = this.neededScope(request.method ?? 'GET', url.pathname);
    if (!needed) return sendJson(response, 404, { errors: [{ code: 'NOT_FOUND', message: 'not found' }] });
    const access = this.bearerAccess(request);
    const action = needed.actions[0] as string;
    if (!access) return this.challenge(response, needed);
    if (!grants(access, needed.type, needed.name, action)) return this.challenge(response, needed, true);
    const from = url.searchParams.get('from');
    if (from && !grants(access, 'repository', from, 'pull')) {
      url.searchParams.delete('from');
      url.searchParams.delete('mount');
    }
    const backend = await this.deps.backend();
    proxyToBackend(request, response, { backendUrl: backend.url, namespace: backendNamespace(registry), loginServer: this.host, path: url.pathname, query: url.searchParams });
  }

  private neededScope(method: string, path: string): AccessEntry | undefined {
    if (path === '/v2/_catalog') return { type: 'registry', name: 'catalog', actions: ['*'] };
    const parsed = parseRegistryPath(path);
    if (!parsed) return undefined;
    const action = method === 'GET' || method === 'HEAD' ? 'pull' : method === 'DELETE' ? 'delete' : 'push';
    return { type: 'repository', name: parsed.repository, actions: [action] };
  }

  private bearerAccess(request: IncomingMessage): readonly AccessEntry[] | undefined {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    return match ? accessOfBearer(this.deps.world, this.host, match[1] as string) : undefined;
  }

  /** POST (refresh_token or password grant) or GET with Basic: docker's two ways in. */
  private async accessToken(request: IncomingMessage, url: URL, registry: StoredResource): Promise<string> {
    let refreshToken: string | undefined;
    let service: string | null;
    let scopes: string[];
    if (request.method === 'POST') {
      const form = new URLSearchParams((await readBody(request)).toString('utf8'));
      const grant = form.get('grant_type');
      if (grant === 'refresh_token') refreshToken = form.get('refresh_token') ?? undefined;
      else if (grant === 'password' && form.get('username') === refreshTokenUser) refreshToken = form.get('password') ?? undefined;
      else throw new AcrAuthError(grant === 'password' ? 401 : 400, grant === 'password' ? 'The admin user is disabled: log in with the refresh token.' : "grant_type must be 'refresh_token'.");
      service = form.get('service');
      scopes = form.getAll('scope');
    } else {
      const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      if (!basic) throw new AcrAuthError(401, unauthorizedMessage);
      const decoded = Buffer.from(basic[1] as string, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (decoded.slice(0, colon) !== refreshTokenUser) throw new AcrAuthError(401, 'The admin user is disabled: log in with the refresh token.');
      refreshToken = decoded.slice(colon + 1);
      service = url.searchParams.get('service');
      scopes = url.searchParams.getAll('scope');
    }
    if (!refreshToken) throw new AcrAuthError(400, 'refresh_token is required.');
    if (service !== null && service.toLowerCase() !== this.host.toLowerCase()) throw new AcrAuthError(400, `service must be '${this.host}'.`);
    const principalId = principalOfRefreshToken(this.deps.world, this.host, refreshToken);
    const access = grantedAccess(this.deps.world, registry, principalId, scopesOf(scopes));
    return issueAccessToken(this.deps.world, this.host, principalId, access);
  }
}
