import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real binary, as a user runs it: yargs, the compare package, exit codes.
const bin = fileURLToPath(new URL('../../bin/skylift.js', import.meta.url));

function skylift(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...process.env, CI: '1' }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A tiny API whose /price answers `price`. */
async function listen(price: number): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    response.writeHead(request.url === '/price' ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ path: request.url, price }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let dir: string;
let a: { server: Server; url: string };
let b: { server: Server; url: string };
let dead: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skylift-compare-cli-'));
  await writeFile(join(dir, 'skylift.suite.yaml'), 'requests:\n  - path: /price\n  - name: missing\n    path: /nope\n');
  [a, b] = await Promise.all([listen(1), listen(2)]);
  const closed = await listen(0);
  dead = closed.url;
  await new Promise((resolve) => closed.server.close(resolve));
});

afterAll(async () => {
  await Promise.all([a, b].map(({ server }) => new Promise((resolve) => server.close(resolve))));
  await rm(dir, { recursive: true, force: true });
});

// Each case spawns the real binary; on a loaded shared machine that takes seconds.
describe('skylift compare', { timeout: 60_000 }, () => {
  it('exits 0 when the targets answer the same (default suite from the working directory)', async () => {
    const result = await skylift(['compare', a.url, a.url.replace('127.0.0.1', 'localhost')], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Same: every endpoint answers like A');
  });

  it('exits 1 on a real difference, with --json on stdout and an --html file', async () => {
    const result = await skylift(['compare', a.url, b.url, '--json', '--html', 'report.html'], dir);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ schema: 'skylift.compare.report/v1', verdict: 'different', exitCode: 1 });
    expect(report.endpoints[0].differences).toMatchObject([{ field: '$.price', kind: 'value', baseline: 1, candidate: 2 }]);
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain('$.price');
  });

  it('exits 3 when a target is unreachable, and says which', async () => {
    const result = await skylift(['compare', a.url, dead], dir);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('UNREACHABLE');
    expect(result.stdout).toMatch(/Unreachable: B \(2\/2 failed\)/);
  });

  it('exits 2 with file:line:col for a malformed suite', async () => {
    await writeFile(join(dir, 'bad.yaml'), 'requests:\n  - path: /price\n  - path: /x\n    method: FETCH\n');
    const invalid = await skylift(['compare', a.url, b.url, '--suite', 'bad.yaml'], dir);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^skylift: bad\.yaml:4:13: requests\[1\]\.method: method must be one of GET, .*; fix the suite .*\[SKYLIFT_COMPARE_SUITE_INVALID\]\n$/);

    await writeFile(join(dir, 'broken.yaml'), 'requests:\n  - path: /price\n    headers: {accept: json\n');
    const broken = await skylift(['compare', a.url, b.url, '--suite', 'broken.yaml'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^skylift: broken\.yaml:\d+:\d+: .*\[SKYLIFT_COMPARE_SUITE_INVALID\]/);
  });

  it('exits 2 on a usage error: one URL only', async () => {
    const result = await skylift(['compare', a.url], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('give at least two URLs');
  });
});
