import Fastify from 'fastify';
import type { FastifyError, FastifyInstance, FastifyServerOptions } from 'fastify';
import { parseBehaviour } from './behaviour.ts';
import type { Behaviour } from './behaviour.ts';
import { registerInfoRoutes } from './info-routes.ts';
import { registerItemRoutes } from './item-routes.ts';
import { ItemStore, seedItems } from './items.ts';
import type { Item } from './items.ts';

export interface BuildAppOptions {
  /** Defaults to SAMPLE_API_BEHAVIOUR from `env`. */
  behaviour?: Behaviour;
  /** Where runtime facts (cloud, behaviour) come from; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** fastify's logger option; off by default so tests stay quiet. */
  logger?: FastifyServerOptions['logger'];
  now?: () => Date;
  /** Starting items; defaults to data/items.json. */
  items?: readonly Item[];
}

export function buildApp(options: BuildAppOptions = {}): FastifyInstance {
  const env = options.env ?? process.env;
  const behaviour = options.behaviour ?? parseBehaviour(env.SAMPLE_API_BEHAVIOUR);
  const app = Fastify({
    logger: options.logger ?? false,
    // Reject what the schema does not allow instead of silently coercing or dropping it,
    // and report every problem at once.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true } },
  });

  app.setErrorHandler<FastifyError>((error, request, reply) => {
    if (error.validation) {
      return reply.code(400).send({
        error: 'invalid_request',
        message: error.message,
        details: error.validation.map((issue) => ({
          path: issue.instancePath || '/',
          message: issue.params.additionalProperty ? `${issue.message}: ${String(issue.params.additionalProperty)}` : issue.message,
        })),
      });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) return reply.code(status).send({ error: error.code ?? 'bad_request', message: error.message });
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal_error', message: 'The server failed to answer this request' });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` }),
  );

  registerInfoRoutes(app, env, options.now ?? (() => new Date()));
  registerItemRoutes(app, new ItemStore(options.items ?? seedItems, behaviour), behaviour);
  return app;
}
