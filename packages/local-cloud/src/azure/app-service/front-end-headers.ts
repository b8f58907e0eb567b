import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** The request headers App Service's front end (ARR) adds before a request reaches the container. */
export function frontEndHeaders(request: IncomingMessage, options: { readonly https: boolean; readonly defaultHostName: string; readonly siteName: string }): Record<string, string> {
  const clientIp = request.socket.remoteAddress ?? '127.0.0.1';
  const clientPort = String(request.socket.remotePort ?? 0);
  const previous = request.headers['x-forwarded-for'];
  const headers: Record<string, string> = {
    'x-forwarded-for': previous ? `${String(previous)}, ${clientIp}:${clientPort}` : `${clientIp}:${clientPort}`,
    'x-forwarded-proto': options.https ? 'https' : 'http',
    'x-original-url': request.url ?? '/',
    'x-waws-unencoded-url': request.url ?? '/',
    'x-arr-log-id': randomUUID(),
    'x-client-ip': clientIp,
    'x-client-port': clientPort,
    'x-site-deployment-id': options.siteName,
    'was-default-hostname': options.defaultHostName,
    'disguised-host': options.defaultHostName,
  };
  if (options.https) {
    const socket = request.socket as TLSSocket;
    const cert = socket.getCertificate?.() as { subject?: { CN?: string }; issuer?: { CN?: string } } | null;
    headers['x-arr-ssl'] = `2048|256|CN=${cert?.issuer?.CN ?? 'skylift local cloud CA'}|CN=${cert?.subject?.CN ?? 'localhost'}`;
    headers['x-forwarded-tlsversion'] = socket.getProtocol?.() === 'TLSv1.3' ? '1.3' : '1.2';
  }
  return headers;
}

/** ARR affinity cookies, set when `clientAffinityEnabled` (the default) and not sent by the client yet. */
export function affinityCookies(request: IncomingMessage, siteName: string, https: boolean): string[] {
  if ((request.headers.cookie ?? '').includes('ARRAffinity=')) return [];
  const value = createHash('sha256').update(`${siteName}|instance-0`).digest('hex');
  const secure = https ? ';Secure' : '';
  return [`ARRAffinity=${value};Path=/;HttpOnly${secure}`, `ARRAffinitySameSite=${value};Path=/;HttpOnly;SameSite=None${https ? ';Secure' : ''}`];
}
