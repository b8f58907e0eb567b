import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runComparison } from './comparison.ts';
import type { ComparisonReport } from './report.ts';
import { renderTerminalReport } from './terminal.ts';

const servers: Server[] = [];
let report: ComparisonReport;

async function serve(version: number): Promise<string> {
  const server = createServer((request, response) => {
    response.writeHead(request.url === '/gone' && version === 2 ? 410 : 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ version, tags: version === 2 ? ['b', 'a'] : ['a', 'b'] }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const [a, b] = [await serve(1), await serve(2)];
  report = await runComparison({
    targets: [{ url: a, name: 'local' }, { url: b, name: 'cloud' }],
    requests: [
      { name: 'GET /v', method: 'GET', path: '/v' },
      { name: 'GET /gone', method: 'GET', path: '/gone' },
      { name: 'DELETE /v', method: 'DELETE', path: '/v' },
    ],
  });
});

afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

it('puts each target in its own column with status and latency, and each differing value under its target', () => {
  const text = renderTerminalReport(report, { color: false });
  const lines = text.split('\n');
  expect(text).not.toContain('\u001b[');
  const header = lines.find((line) => line.includes('ENDPOINT'))!;
  const localColumn = header.indexOf('local');
  const cloudColumn = header.indexOf('cloud');
  const row = lines.find((line) => line.includes('GET /gone'))!;
  expect(row.slice(localColumn, localColumn + 3)).toBe('200');
  expect(row.slice(cloudColumn, cloudColumn + 3)).toBe('410');
  expect(row.slice(localColumn)).toMatch(/^200 {2}\d+(\.\d)? ms/);
  const version = lines.find((line) => line.trimStart().startsWith('$.version'))!;
  expect(version.slice(localColumn).trim()).toMatch(/^1 +2$/);
  expect(version.slice(cloudColumn).trim()).toBe('2');
  expect(text).toContain('$.tags ordering');
  expect(text).toContain('order [1, 0] (baseline indices, candidate order)');
  expect(text).toMatch(/- DELETE \/v +skipped: DELETE has side effects; pass --allow-side-effects to send it/);
  expect(lines.at(-2)).toBe('Different: 5 fields in 2 endpoints differ from local (0 suppressed as noise, 0 ignored).');
});

it('colours only when asked (interactive terminals)', () => {
  expect(renderTerminalReport(report, { color: true })).toContain('\u001b[31m');
});
