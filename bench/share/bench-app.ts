import type { AddressInfo } from 'node:net';
import { buildApp } from '@skylift/sample-api';

export const BODY_BYTES = 5 * 1024 * 1024;

/**
 * The sample API plus two routes for body throughput: GET /bench/body (5 MB) and POST
 * /bench/body (reads the body, answers its size). Direct and tunnelled requests hit this same app.
 */
export async function startBenchApp(): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const app = buildApp();
  const body = Buffer.alloc(BODY_BYTES, 0x62);
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: 2 * BODY_BYTES }, (_request, payload, done) => done(null, payload));
  app.get('/bench/body', async (_request, reply) => reply.type('application/octet-stream').send(body));
  app.post('/bench/body', async (request) => ({ bytes: (request.body as Buffer).length }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port, close: () => app.close() };
}
