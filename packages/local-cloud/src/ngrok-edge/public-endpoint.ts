import { Agent, request as httpRequest, type IncomingMessage, type RequestOptions, type ServerResponse } from 'node:http';
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

/** Request options as the pool sees them: `host` is the client IP (the pool key). */
interface PooledRequestOptions {
  readonly clientAddr: string;
}

/**
 * Proxy streams are pooled like keep-alive sockets (Node's HTTP agent over muxado streams), per
 * agent session and client IP (the stream's ProxyHeader names the client that opened it): the agent keeps one upstream connection per stream, so a reused
 * stream also reuses the agent's connection to the app, and a request costs no new stream, no
 * new TCP connection. The agent evicts a stream before the app's keep-alive timeout (its hint).
 */
function streamPool(session: MuxSession, tunnelId: string): Agent {
  const agent = new Agent({ keepAlive: true, timeout: 30_000, scheduling: 'lifo' });
  agent.createConnection = (options) => {
    const stream = session.open();
    stream.write(encodeProxyHeader(tunnelId, (options as PooledRequestOptions).clientAddr));
    return stream;
  };
  session.once('close', () => agent.destroy());
  return agent;
}

/**
 * One public HTTPS request → an HTTP/1.1 request on a proxy stream to the agent, bodies streamed
 * both ways.
 */
async function forward(route: EndpointRoute, pools: WeakMap<MuxSession, Agent>, req: IncomingMessage, res: ServerResponse): Promise<void> {
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
  let pool = pools.get(session);
  if (!pool) pools.set(session, (pool = streamPool(session, route.tunnelId)));
  const requestOptions: RequestOptions & PooledRequestOptions = {
    agent: pool,
    host: ip,
    clientAddr: `${ip}:${req.socket.remotePort ?? 0}`,
    method: req.method,
    path: req.url,
    headers: upstreamRequestHeaders(req.headers, { ip, rules: options.RequestHeaders }),
    setHost: false,
  };
  const upstream = httpRequest(requestOptions);
  upstream.on('response', (response) => {
    res.writeHead(response.statusCode ?? 502, response.statusMessage, downstreamResponseHeaders(response.headers, options.ResponseHeaders));
    // Chunks that arrive in one tick (several frames per TLS read) leave in one TLS write.
    response.on('data', () => {
      if (res.writableCorked === 0) {
        res.cork();
        process.nextTick(() => res.uncork());
      }
    });
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
  const pools = new WeakMap<MuxSession, Agent>();
  const server: Server = createServer({ ...tls, noDelay: true }, (req, res) => {
    forward(route, pools, req, res).catch((error: unknown) => badGateway(res, (error as Error).message));
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
