import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { AzureFaults } from '../faults.ts';
import type { AzureWorld } from '../world.ts';
import { checkApiVersion } from './api-versions.ts';
import { ArmError } from './arm-error.ts';
import type { ArmRoute } from './arm-route.ts';
import { authenticate, authorize } from './authenticate.ts';
import { authorizationRoutes } from './authorization-routes.ts';
import { operationRoutes } from './operation-routes.ts';
import { providerRoutes } from './provider-routes.ts';
import { registryRoutes } from './registry-routes.ts';
import { resourceGroupRoutes } from './resource-group-routes.ts';
import { requireSubscription, settle } from './resources.ts';
import { matchRoute, normalisePath } from './router.ts';
import { webRoutes } from './web-routes.ts';

const routes: readonly ArmRoute[] = [...operationRoutes, ...resourceGroupRoutes, ...providerRoutes, ...registryRoutes, ...webRoutes, ...authorizationRoutes];

/** Header that unlocks the test-only control endpoint: the identity header's secret. */
export const controlHeader = 'x-emulator-control';

function locationHint(body: unknown): string {
  const location = (body as { location?: unknown } | undefined)?.location;
  return typeof location === 'string' ? location : 'global';
}

function faultError(world: AzureWorld, status: number, retryAfterSeconds: number | undefined, method: string): ArmError {
  const { subscriptionId } = world.store.state;
  if (status === 429) {
    const kind = method === 'GET' || method === 'HEAD' ? 'read' : 'write';
    const seconds = retryAfterSeconds ?? 1;
    return new ArmError(
      429,
      'SubscriptionRequestsThrottled',
      `Number of '${kind}' requests for subscription '${subscriptionId}' actor '${world.store.state.developerObjectId}' exceeded. Please try again after '${seconds}' seconds after additional '${seconds}' seconds.`,
      { 'Retry-After': String(seconds) },
    );
  }
  const tracking = randomUUID();
  return new ArmError(
    status,
    'InternalServerError',
    `Encountered internal server error. Diagnostic information: timestamp '${new Date(world.clock.now()).toISOString()}', subscription id '${subscriptionId}', tracking id '${tracking}', request correlation id '${tracking}'.`,
    retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) },
  );
}

/**
 * The ARM front door: authenticate, route (case-insensitive, any-scope), check the api-version,
 * inject faults, authorize (RBAC), then hand over to the provider's handler.
 */
export function createArmServer(
  world: AzureWorld,
  options: { readonly tls: { cert: string; key: string }; readonly controlSecret: string; readonly log?: (line: string) => void },
): FastifyInstance {
  const app = Fastify({ https: options.tls, routerOptions: { maxParamLength: 10_000 }, exposeHeadRoutes: false, bodyLimit: 4 * 1024 * 1024 });
  const { log } = options;
  // One line per call, path only: queries and headers stay out of logs.
  if (log) app.addHook('onResponse', async (request, reply) => log(`${request.method} ${request.url.split('?')[0]} ${reply.statusCode}`));
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, text, done) => {
    const body = String(text);
    if (body.trim() === '') return done(null, undefined);
    const type = request.headers['content-type'] ?? '';
    if (!type.includes('json')) return done(null, body);
    try {
      done(null, JSON.parse(body));
    } catch {
      done(new ArmError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized: the body is not valid JSON.'), undefined);
    }
  });

  const send = (reply: FastifyReply, requestId: string, status: number, body: unknown, headers: Record<string, string> = {}, contentType?: string) => {
    reply.code(status).headers({ 'x-ms-request-id': requestId, 'x-ms-correlation-request-id': requestId, 'x-ms-routing-request-id': `LOCAL:${requestId}`, ...headers });
    if (body === undefined) return reply.send();
    if (contentType) return reply.type(contentType).send(Buffer.from(String(body)));
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
  };

  app.setErrorHandler((error, request, reply) => {
    const requestId = randomUUID();
    if (error instanceof ArmError) return send(reply, requestId, error.status, error.body(), error.headers);
    // Not an ARM answer: a bug in the emulator. The daemon's log (stderr) keeps it for whoever debugs.
    console.error(`azure emulator: ${request.method} ${request.url} failed:`, error);
    return send(reply, requestId, 500, { error: { code: 'InternalServerError', message: 'The emulator failed on this request; see its log.' } });
  });

  app.route({
    method: ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'],
    url: '/*',
    handler: async (request, reply) => {
      const requestId = randomUUID();
      // Concatenate, not resolve: the SDK's `//subscriptions/...` would parse as a host otherwise.
      const url = new URL(`https://emulator.invalid${request.url}`);
      const path = normalisePath(url.pathname);
      if (path.toLowerCase() === '/_emulator/faults') {
        if (request.headers[controlHeader] !== options.controlSecret) throw new ArmError(403, 'Forbidden', `The control endpoint needs the ${controlHeader} header.`);
        if (request.method === 'PUT') world.faults.set((request.body ?? {}) as AzureFaults);
        return send(reply, requestId, 200, world.faults.current());
      }
      await settle(world);
      const caller = authenticate(world, request.headers.authorization);
      const { route, params } = matchRoute(routes, request.method, path);
      if (!route || !params) {
        throw new ArmError(404, 'NotFound', `The skylift Azure emulator does not implement ${request.method} ${path}.`);
      }
      const apiVersion = checkApiVersion(route.family, url.searchParams.get('api-version'), route.resourceType, locationHint(request.body));
      const fault = world.faults.take(request.method, path);
      if (fault) throw faultError(world, fault.status, fault.retryAfterSeconds, request.method);
      // A subscription that does not exist is 404 before any RBAC question (ARM's order).
      const subscription = /^\/subscriptions\/([^/]+)/i.exec(path)?.[1];
      if (subscription) requireSubscription(world, subscription);
      const { action, scope } = route.permission(params, world);
      authorize(world, caller, action, scope);
      const result = await route.handle({ method: request.method, path, params, query: url.searchParams, body: request.body, apiVersion, caller }, world);
      return send(reply, requestId, result.status, request.method === 'HEAD' ? undefined : result.body, result.headers, result.contentType);
    },
  });
  return app;
}
