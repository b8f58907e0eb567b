import { createHash } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { StoredResource } from '../state.ts';
import { sendJson } from './http-io.ts';

/**
 * Every registry gets its own namespace in the shared docker-registry; the creation time is part
 * of it so a registry deleted and created again under the same name starts empty, as in Azure.
 */
export function backendNamespace(registry: StoredResource): string {
  const suffix = createHash('sha256').update(`${registry.id.toLowerCase()}|${registry.createdAt}`).digest('hex').slice(0, 10);
  return `acr/${registry.name.toLowerCase()}-${suffix}`;
}

/** `/v2/<repo>/(manifests|blobs|tags)/…` → the repository and what the request does to it. */
export function parseRegistryPath(path: string): { repository: string; rest: string } | undefined {
  const match = /^\/v2\/(.+?)\/((?:manifests|blobs|tags)\/.*)$/.exec(path);
  if (!match) return undefined;
  return { repository: match[1] as string, rest: match[2] as string };
}

const hopByHop = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'authorization']);

function forwardHeaders(headers: IncomingHttpHeaders, loginServer: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !hopByHop.has(name)) out[name] = value;
  // distribution builds its Location URLs from these: they must point back at the login server.
  out.host = loginServer;
  out['x-forwarded-proto'] = 'https';
  return out;
}

function stripNamespace(text: string, namespace: string): string {
  return text.split(`/v2/${namespace}/`).join('/v2/');
}

/**
 * Forwards a data-plane request to the backend registry inside the registry's namespace, and
 * takes the namespace back out of what comes back (Location, Link, tag and catalog bodies).
 */
export function proxyToBackend(
  request: IncomingMessage,
  response: ServerResponse,
  target: { backendUrl: string; namespace: string; loginServer: string; path: string; query: URLSearchParams },
): void {
  const { backendUrl, namespace, loginServer, path } = target;
  const query = new URLSearchParams(target.query);
  const from = query.get('from');
  if (from) query.set('from', `${namespace}/${from}`);
  const isCatalog = path === '/v2/_catalog';
  const backendPath = isCatalog ? path : path.replace(/^\/v2\//, `/v2/${namespace}/`);
  const search = query.toString();
  const outgoing = httpRequest(
    `${backendUrl}${backendPath}${search ? `?${search}` : ''}`,
    { method: request.method, headers: forwardHeaders(request.headers, loginServer) },
    (incoming: IncomingMessage) => {
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (value === undefined || name === 'connection' || name === 'keep-alive') continue;
        headers[name] = name === 'location' || name === 'link' ? stripNamespace(String(value), namespace) : value;
      }
      const rewritesBody = isCatalog || /\/tags\/list$/.test(path);
      if (!rewritesBody || (incoming.statusCode ?? 500) >= 300) {
        response.writeHead(incoming.statusCode ?? 502, headers);
        incoming.pipe(response);
        return;
      }
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { name?: string; repositories?: string[] };
        if (body.name) body.name = body.name.slice(namespace.length + 1);
        if (body.repositories) body.repositories = body.repositories.filter((name) => name.startsWith(`${namespace}/`)).map((name) => name.slice(namespace.length + 1));
        delete headers['content-length'];
        delete headers['transfer-encoding'];
        sendJson(response, incoming.statusCode ?? 200, body, Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)])));
      });
    },
  );
  outgoing.on('error', (error) => {
    if (!response.headersSent) sendJson(response, 502, { errors: [{ code: 'UNAVAILABLE', message: `the backend registry did not answer: ${error.message}` }] });
    else response.destroy(error);
  });
  request.pipe(outgoing);
}
