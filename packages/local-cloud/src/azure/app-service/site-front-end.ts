import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { listenOnStablePort } from '../ports.ts';
import type { StoredResource } from '../state.ts';
import type { AzureWorld } from '../world.ts';
import { affinityCookies, frontEndHeaders } from './front-end-headers.ts';

/** Where requests for the site go right now. */
export type Upstream = { readonly state: 'ready'; readonly port: number } | { readonly state: 'stopped' | 'unavailable' };

export interface FrontEndTarget {
  upstream(): Upstream;
  /** A request met an unavailable site: the runtime may retry a failed start (App Service does on traffic). */
  poked(): void;
}

function page(response: ServerResponse, status: number, title: string, detail: string): void {
  const body = `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>${detail}</p></body></html>`;
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/**
 * A site's front end: an HTTPS port (its `defaultHostName`) and an HTTP port that redirects when
 * `httpsOnly`, both forwarding to the container with the headers App Service's ARR adds.
 */
export class SiteFrontEnd {
  private readonly servers: Server[] = [];
  host = '';

  constructor(
    private readonly world: AzureWorld,
    private readonly tls: { readonly cert: string; readonly key: string },
    readonly siteId: string,
    private readonly target: FrontEndTarget,
  ) {}

  private site(): StoredResource | undefined {
    return this.world.store.state.resources[this.siteId.toLowerCase()];
  }

  async listen(): Promise<string> {
    const https = createHttpsServer({ cert: this.tls.cert, key: this.tls.key }, (request, response) => this.handle(request, response, true));
    const http = createHttpServer((request, response) => this.handle(request, response, false));
    this.servers.push(https, http);
    const role = `site:${this.siteId.toLowerCase()}`;
    this.host = `127.0.0.1:${await listenOnStablePort(https, this.world.store, `${role}:https`)}`;
    await listenOnStablePort(http, this.world.store, `${role}:http`);
    return this.host;
  }

  async close(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  }

  private handle(request: IncomingMessage, response: ServerResponse, https: boolean): void {
    const site = this.site();
    if (!site) return page(response, 404, 'Error 404 - Web app not found.', 'The web app you have attempted to reach is not available in this Microsoft Azure App Service region.');
    if (!https && site.properties.httpsOnly === true) {
      response.writeHead(301, { location: `https://${this.host}${request.url ?? '/'}`, 'content-length': 0 });
      return void response.end();
    }
    const upstream = this.target.upstream();
    if (upstream.state === 'stopped') return page(response, 403, 'Error 403 - This web app is stopped.', 'The web app you have attempted to reach is currently stopped and does not accept any requests.');
    if (upstream.state !== 'ready') {
      this.target.poked();
      return page(response, 503, ':( Application Error', 'If you are the application administrator, you can access the diagnostic resources (containerlogs).');
    }
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = value;
    Object.assign(headers, frontEndHeaders(request, { https, defaultHostName: this.host, siteName: site.name }));
    const cookies = site.properties.clientAffinityEnabled === false ? [] : affinityCookies(request, site.name, https);
    const outgoing = httpRequest({ host: '127.0.0.1', port: upstream.port, method: request.method, path: request.url, headers }, (incoming) => {
      const responseHeaders = { ...incoming.headers };
      if (cookies.length > 0) responseHeaders['set-cookie'] = [...cookies, ...(incoming.headers['set-cookie'] ?? [])];
      response.writeHead(incoming.statusCode ?? 502, responseHeaders);
      incoming.pipe(response);
    });
    outgoing.on('error', () => {
      if (!response.headersSent) page(response, 502, '502 - Web server received an invalid response while acting as a gateway or proxy server.', 'The container did not answer.');
      else response.destroy();
    });
    request.pipe(outgoing);
  }
}
