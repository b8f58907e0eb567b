import { randomUUID } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback reverse proxy that behaves like a tunnel plus App Service front end: it adds
 * X-Forwarded-* on the way in and Server, Via, X-MS-*, X-ARR-*, Request-Context and the
 * ARRAffinity cookies on the way out, and re-frames bodies as chunked.
 */
export async function startPlatformProxy(upstream: string): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(upstream);
  const server: Server = createServer((incoming, outgoing) => {
    const forwarded = request(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: {
          ...incoming.headers,
          'x-forwarded-for': '203.0.113.7',
          'x-forwarded-proto': 'https',
          'x-arr-ssl': '2048|256|CN=proxy',
          'x-original-url': incoming.url ?? '/',
        },
      },
      (answer) => {
        const headers = { ...answer.headers };
        delete headers['content-length'];
        outgoing.writeHead(answer.statusCode ?? 502, {
          ...headers,
          server: 'Microsoft-IIS/10.0',
          via: '1.1 front-end',
          'x-powered-by': 'ASP.NET',
          'x-ms-request-id': randomUUID(),
          'x-arr-log-id': randomUUID(),
          'request-context': `appId=cid-v1:${randomUUID()}`,
          'ngrok-trace-id': randomUUID(),
          'set-cookie': [`ARRAffinity=${randomUUID()}; Path=/; HttpOnly`, `ARRAffinitySameSite=${randomUUID()}; Path=/; SameSite=None`],
        });
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
