import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { runComparison } from './comparison.ts';

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

/** Records what each request looked like and how many were in flight at once. */
async function recordingServer() {
  const seen: Array<{ method: string; url: string; host: string; body: string; probe: string }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((request, response) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () =>
      setTimeout(() => {
        seen.push({ method: request.method!, url: request.url!, host: request.headers.host!, body, probe: String(request.headers['x-probe']) });
        inFlight -= 1;
        response.end('ok');
      }, 20),
    );
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, max: () => maxInFlight };
}

it('sends identical requests to every target (own Host, base path kept), at most `concurrency` at a time', async () => {
  const [a, b] = [await recordingServer(), await recordingServer()];
  const requests = Array.from({ length: 12 }, (_, i) => ({ name: `GET /r${i}`, method: 'GET', path: `/r${i}?q=${i}`, headers: { 'x-probe': 'same' } }));
  const report = await runComparison({
    targets: [a.url, `${b.url}/base/`],
    requests: [
      ...requests.slice(0, 6),
      { name: 'PUT /doc', method: 'PUT', path: '/doc', headers: { 'content-type': 'text/plain' }, body: 'payload' },
      ...requests.slice(6),
    ],
    concurrency: 2,
    allowSideEffects: true,
  });
  expect(report.verdict).toBe('same');
  // Baseline twice (noise) except for the PUT, which is never repeated for noise.
  expect(a.seen).toHaveLength(12 * 2 + 1);
  expect(b.seen).toHaveLength(12 + 1);
  expect(a.max()).toBeLessThanOrEqual(2);
  expect(b.max()).toBeLessThanOrEqual(2);
  expect(new Set(a.seen.map((r) => r.host))).toEqual(new Set([new URL(a.url).host]));
  expect(new Set(b.seen.map((r) => r.host))).toEqual(new Set([new URL(b.url).host]));
  expect(b.seen.map((r) => r.url).sort()).toEqual([...requests.map((r) => `/base${r.path}`), '/base/doc'].sort());
  expect(new Set([...a.seen, ...b.seen].filter((r) => r.method === 'GET').map((r) => r.probe))).toEqual(new Set(['same']));
  expect(b.seen.find((r) => r.method === 'PUT')!.body).toBe('payload');
  // The PUT is a barrier: the six requests before it finished first, the six after it came later.
  expect(b.seen.findIndex((r) => r.method === 'PUT')).toBe(6);
  expect(b.seen.slice(0, 6).map((r) => r.url).sort()).toEqual(requests.slice(0, 6).map((r) => `/base${r.path}`).sort());
});
