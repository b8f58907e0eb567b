import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { requestsFromOpenApi } from './from-openapi.ts';

const document = {
  openapi: '3.0.3',
  servers: [{ url: 'https://api.example.test/v1' }],
  components: { parameters: { Need: { name: 'q', in: 'query', required: true } } },
  paths: {
    '/items': { get: { operationId: 'listItems', parameters: [{ name: 'limit', in: 'query' }] }, post: {} },
    '/items/{id}': { get: {} },
    '/search': { get: { parameters: [{ $ref: '#/components/parameters/Need' }] } },
    '/health': { get: {} },
    '/admin': { parameters: [{ name: 'x-key', in: 'header', required: true }], get: {} },
  },
};

describe('requestsFromOpenApi', () => {
  it('derives every parameterless GET from a served OpenAPI document (YAML or JSON)', async () => {
    const server = createServer((_request, response) => response.end(JSON.stringify(document)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.json`;
      const requests = await requestsFromOpenApi(url);
      expect(requests.map((r) => [r.name, r.method, r.path])).toEqual([
        ['listItems', 'GET', '/v1/items'],
        ['GET /v1/health', 'GET', '/v1/health'],
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('rejects what is not an OpenAPI document, with exit code 2', async () => {
    const server = createServer((_request, response) => response.end('{"hello":"world"}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      await expect(requestsFromOpenApi(url)).rejects.toMatchObject({ code: 'SKYLIFT_COMPARE_OPENAPI_INVALID', exitCode: 2 });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
