import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pkg from '../package.json' with { type: 'json' };
import { runtimeInfo } from './runtime-info.ts';

export function registerInfoRoutes(app: FastifyInstance, env: NodeJS.ProcessEnv, now: () => Date): void {
  app.get('/', async () => ({ name: pkg.name, version: pkg.version, runtime: runtimeInfo(env) }));

  app.get('/health', async () => ({ status: 'ok' }));

  // Shows what a tunnel or a cloud front end adds on the way in (x-forwarded-*, etc.).
  app.get('/api/echo', async (request) => ({
    method: request.method,
    path: request.url.split('?')[0],
    query: request.query,
    headers: request.headers,
  }));

  // Deliberately different on every call, so compare has something to learn to ignore.
  app.get('/api/time', async () => {
    const date = now();
    return { now: date.toISOString(), epochMs: date.getTime(), requestId: randomUUID() };
  });
}
