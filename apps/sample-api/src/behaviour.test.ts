import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { parseBehaviour } from './behaviour.ts';
import type { Behaviour } from './behaviour.ts';
import { changedPrice, seedItems } from './items.ts';

// Every deterministic request the compare suite could make; /api/time is volatile by design.
const requests: InjectOptions[] = [
  { url: '/' },
  { url: '/health' },
  { url: '/api/items' },
  ...seedItems.map((item) => ({ url: `/api/items/${item.id}` })),
  { url: '/api/items/999' },
  { url: '/api/echo?q=1', headers: { 'x-test': 'yes' } },
  { method: 'POST', url: '/api/items', payload: { name: 'Drone', price: 12 } },
  { method: 'POST', url: '/api/items', payload: { name: 'Drone' } },
];

async function answers(behaviour: Behaviour) {
  const app = buildApp({ behaviour, env: {} });
  const results = [];
  for (const request of requests) {
    const res = await app.inject(request);
    results.push({ request: `${request.method ?? 'GET'} ${request.url}`, status: res.statusCode, body: res.json() as unknown });
  }
  return results;
}

describe('SAMPLE_API_BEHAVIOUR', () => {
  it('changed: only item 2 price and the unknown-item status differ', async () => {
    const normal = await answers('normal');
    const changed = await answers('changed');
    const differing = normal.filter((answer, index) => JSON.stringify(answer) !== JSON.stringify(changed[index]));
    expect(differing.map((answer) => answer.request)).toEqual(['GET /api/items', 'GET /api/items/2', 'GET /api/items/999']);

    const original = seedItems.find((item) => item.id === 2)!;
    expect(original.price).not.toBe(changedPrice);
    const item2 = { ...original, price: changedPrice };
    const at = (request: string) => changed.find((answer) => answer.request === request)!;
    expect(at('GET /api/items').body).toEqual(seedItems.map((item) => (item.id === 2 ? item2 : item)));
    expect(at('GET /api/items/2')).toMatchObject({ status: 200, body: item2 });
    expect(at('GET /api/items/999').status).toBe(500);
    expect(at('GET /api/items/999').body).toEqual(normal.find((answer) => answer.request === 'GET /api/items/999')!.body);
  });

  it('reordered: only the item list is reversed', async () => {
    const normal = await answers('normal');
    const reordered = await answers('reordered');
    const differing = normal.filter((answer, index) => JSON.stringify(answer) !== JSON.stringify(reordered[index]));
    expect(differing.map((answer) => answer.request)).toEqual(['GET /api/items']);
    expect(reordered[2]!.body).toEqual([...seedItems].reverse());
  });

  it('is read from env when not passed', async () => {
    const res = await buildApp({ env: { SAMPLE_API_BEHAVIOUR: 'reordered' } }).inject({ url: '/api/items' });
    expect(res.json()[0]).toEqual(seedItems.at(-1));
  });

  it('parses the known values and rejects others with the fix', () => {
    expect(parseBehaviour(undefined)).toBe('normal');
    expect(parseBehaviour('')).toBe('normal');
    expect(parseBehaviour('changed')).toBe('changed');
    expect(() => parseBehaviour('Changed')).toThrow('use one of normal, changed, reordered');
  });
});
