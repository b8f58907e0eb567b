import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { encodeProxyHeader, type HttpEndpointOptions } from './agent-protocol.ts';
import { checkAccess, clientIp, downstreamResponseHeaders, upstreamRequestHeaders } from './edge-policies.ts';
import type { MuxSession } from './mux-session.ts';

/** Where a public request goes: the endpoint's current options and its agent, once online. */
export interface EndpointRoute {
  readonly tunnelId: string;
  readonly url: () => string;
  readonly options: () => HttpEndpointOptions;
  /** The agent session serving the endpoint; waits a grace period while an agent reconnects. */
  readonly session: () => Promise<MuxSession | undefined>;
}

export interface PublicEndpoint {
  readonly port: number;
  close(): Promise<void>;
}

function offline(res: ServerResponse, url: string): void {
  const body = `The endpoint ${url} is offline.\n\nERR_NGROK_3200\n`;
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), 'ngrok-error-code': 'ERR_NGROK_3200' });
  res.end(body);
}

function badGateway(res: ServerResponse, reason: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = `The agent could not complete the request: ${reason}\n\nERR_NGROK_8012\n`;
  res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), 'ngrok-error-code': 'ERR_NGROK_8012' });
  res.end(body);
}

/**
 * One public HTTPS request → one proxy stream to the agent, carrying plain HTTP/1.1 (Node's
 * HTTP client runs over the muxado stream as its socket). Bodies stream both ways.
 */
async function forward(route: EndpointRoute, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const ip = clientIp(req.socket.remoteAddress);
  const options = route.options();
  const denial = checkAccess(options, { ip, authorization: req.headers.authorization });
  if (denial) {
    res.writeHead(denial.status, denial.headers);
    res.end(denial.body);
    req.resume();
    return;
  }
  const session = await route.session();
  if (!session) {
    offline(res, route.url());
    req.resume();
    return;
  }
  const stream = session.open();
  stream.write(encodeProxyHeader(route.tunnelId, `${ip}:${req.socket.remotePort ?? 0}`));
  const upstream = httpRequest({
    createConnection: () => stream,
    method: req.method,
    path: req.url,
    headers: upstreamRequestHeaders(req.headers, { ip, rules: options.RequestHeaders }),
    setHost: false,
  });
  upstream.on('response', (response) => {
    res.writeHead(response.statusCode ?? 502, response.statusMessage, downstreamResponseHeaders(response.headers, options.ResponseHeaders));
    response.pipe(res);
    response.on('error', () => res.destroy());
  });
  upstream.on('error', (error) => badGateway(res, error.message));
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

export async function startPublicEndpoint(
  tls: { cert: string; key: string },
  port: number,
  route: EndpointRoute,
): Promise<PublicEndpoint> {
  const server: Server = createServer({ ...tls, noDelay: true }, (req, res) => {
    forward(route, req, res).catch((error: unknown) => badGateway(res, (error as Error).message));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
