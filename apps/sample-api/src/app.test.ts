import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { buildApp } from './app.ts';
import { seedItems } from './items.ts';

describe('GET /', () => {
  it('names the app and where it runs', async () => {
    const res = await buildApp({ env: {} }).inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      name: '@skylift/sample-api',
      version: pkg.version,
      runtime: { node: process.version, platform: process.platform, hostname: expect.any(String), cloud: 'local' },
    });
  });

  it('knows it runs on App Service when WEBSITE_SITE_NAME is set', async () => {
    const res = await buildApp({ env: { WEBSITE_SITE_NAME: 'skylift-demo' } }).inject({ url: '/' });
    expect(res.json().runtime.cloud).toBe('azure-app-service');
  });
});

describe('GET /health', () => {
  it('is ok', async () => {
    const res = await buildApp().inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });
});

describe('/api/items', () => {
  it('lists the seed items from data/items.json', async () => {
    const res = await buildApp({ env: {} }).inject({ url: '/api/items' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(seedItems);
    expect(seedItems.length).toBeGreaterThanOrEqual(3);
  });

  it('gets one item by id', async () => {
    const res = await buildApp({ env: {} }).inject({ url: '/api/items/2' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(seedItems.find((item) => item.id === 2));
  });

  it.each(['999', 'abc', '1.5'])('answers 404 with a JSON error for unknown id %s', async (id) => {
    const res = await buildApp({ env: {} }).inject({ url: `/api/items/${id}` });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json()).toEqual({ error: 'not_found', message: `No item with id ${id}` });
  });

  it('creates an item in memory, then lists and gets it', async () => {
    const app = buildApp({ env: {} });
    const created = await app.inject({ method: 'POST', url: '/api/items', payload: { name: 'Drone', price: 12.5, tags: ['rc'] } });
    expect(created.statusCode).toBe(201);
    const nextId = Math.max(...seedItems.map((item) => item.id)) + 1;
    expect(created.json()).toEqual({ id: nextId, name: 'Drone', price: 12.5, tags: ['rc'] });
    expect(created.headers.location).toBe(`/api/items/${nextId}`);
    expect((await app.inject({ url: `/api/items/${nextId}` })).json().name).toBe('Drone');
    expect((await app.inject({ url: '/api/items' })).json()).toHaveLength(seedItems.length + 1);
  });

  it('defaults tags to an empty list and keeps each app instance separate', async () => {
    const created = await buildApp({ env: {} }).inject({ method: 'POST', url: '/api/items', payload: { name: 'Kite', price: 0 } });
    expect(created.json().tags).toEqual([]);
    expect((await buildApp({ env: {} }).inject({ url: '/api/items' })).json()).toEqual(seedItems);
  });

  it('answers 400 naming every problem for a bad body, storing nothing', async () => {
    const app = buildApp({ env: {} });
    const res = await app.inject({ method: 'POST', url: '/api/items', payload: { name: '', price: '12', colour: 'red' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'invalid_request',
      message: expect.stringContaining('body/price must be number'),
      details: expect.arrayContaining([
        { path: '/', message: 'must NOT have additional properties: colour' },
        { path: '/name', message: 'must NOT have fewer than 1 characters' },
        { path: '/price', message: 'must be number' },
      ]),
    });
    expect((await app.inject({ url: '/api/items' })).json()).toEqual(seedItems);
  });

  it('answers 400 when a required field is missing', async () => {
    const res = await buildApp({ env: {} }).inject({ method: 'POST', url: '/api/items', payload: { name: 'Drone' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([{ path: '/', message: "must have required property 'price'" }]);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await buildApp({ env: {} }).inject({
      method: 'POST',
      url: '/api/items',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'FST_ERR_CTP_INVALID_JSON_BODY', message: expect.stringContaining('not valid JSON') });
  });
});

describe('GET /api/echo', () => {
  it('returns the method, path, query and headers it received', async () => {
    const res = await buildApp().inject({
      url: '/api/echo?color=blue&tag=a&tag=b',
      headers: { 'x-forwarded-for': '203.0.113.7', 'x-custom': 'yes' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ method: 'GET', path: '/api/echo', query: { color: 'blue', tag: ['a', 'b'] } });
    expect(body.headers).toMatchObject({ 'x-forwarded-for': '203.0.113.7', 'x-custom': 'yes', host: 'localhost:80' });
  });
});

describe('GET /api/time', () => {
  it('tells the time from its clock and a fresh request id each call', async () => {
    const now = new Date('2026-11-25T12:00:00.000Z');
    const app = buildApp({ now: () => now });
    const first = (await app.inject({ url: '/api/time' })).json();
    const second = (await app.inject({ url: '/api/time' })).json();
    expect(first).toEqual({ now: '2026-11-25T12:00:00.000Z', epochMs: now.getTime(), requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(second.requestId).not.toBe(first.requestId);
  });
});

describe('unknown routes', () => {
  it('answer 404 with a JSON error', async () => {
    const res = await buildApp().inject({ url: '/nope?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not_found', message: 'No route GET /nope' });
  });
});
