import Fastify, { type FastifyInstance } from 'fastify';
import { issueEntraToken } from './entra-tokens.ts';
import type { AzureWorld } from './world.ts';

export const identityPath = '/msi/token';

/**
 * App Service's managed-identity endpoint (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER`), what
 * ManagedIdentityCredential calls: `GET ?api-version=2019-08-01&resource=…` with `X-IDENTITY-HEADER`.
 * By default it speaks for the developer; `principal_id` picks a site's system identity instead
 * (the real endpoint answers only for identities attached to the calling app).
 */
export function createIdentityServer(world: AzureWorld, identityHeader: string): FastifyInstance {
  const app = Fastify();
  app.get(identityPath, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    if (request.headers['x-identity-header'] !== identityHeader) {
      return reply.code(401).send({ error: 'unauthorized_client', error_description: 'The X-IDENTITY-HEADER header is missing or does not match IDENTITY_HEADER.' });
    }
    if (query['api-version'] !== '2019-08-01') {
      return reply.code(400).send({ error: 'invalid_request', error_description: `api-version '${query['api-version'] ?? ''}' is not supported: use 2019-08-01.` });
    }
    if (!query.resource) return reply.code(400).send({ error: 'invalid_request', error_description: "The 'resource' query parameter is required." });
    const { principals, developerObjectId } = world.store.state;
    const principalId = query.principal_id ?? query.object_id ?? developerObjectId;
    const principal = principals[principalId.toLowerCase()];
    if (!principal) return reply.code(400).send({ error: 'invalid_request', error_description: `No managed identity with principal id '${principalId}' is known.` });
    const { token, expiresOn } = issueEntraToken(world, principal, query.resource);
    return reply.send({ access_token: token, expires_on: String(expiresOn), resource: query.resource, token_type: 'Bearer', client_id: principal.objectId });
  });
  return app;
}
