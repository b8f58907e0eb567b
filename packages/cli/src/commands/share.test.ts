import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { readLedger } from '@skylift/core';
import { stopLocalCloud } from '@skylift/local-cloud';
import { afterAll, expect, test } from 'vitest';

// The real binary in its own process group, as a terminal runs it; the local cloud (edge daemon,
// CA) lives in a temporary SKYLIFT_HOME so nothing here touches the machine's.
const bin = fileURLToPath(new URL('../../bin/skylift.js', import.meta.url));
const sampleApi = fileURLToPath(new URL('../../../../apps/sample-api/dist/server.mjs', import.meta.url));
const root = await mkdtemp(join(tmpdir(), 'skylift-share-cli-'));
const skyliftHome = join(root, 'home');
const env = { ...process.env, SKYLIFT_HOME: skyliftHome, HOME: root, NGROK_AUTHTOKEN: '', NODE_EXTRA_CA_CERTS: '' };

afterAll(async () => {
  await stopLocalCloud({ dir: join(skyliftHome, 'local-cloud') });
  await rm(root, { recursive: true, force: true });
});

function run(args: string[], cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const groupAlive = (pid: number) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('bad flags are usage errors (exit 2) with one line naming the fix', async () => {
  const cases: [string[], RegExp][] = [
    [['share'], /--port 3000 or --url/],
    [['share', '--port', '3000', '--url', 'http://localhost:3000'], /one of --port or --url, not both/],
    [['share', '--port', '3000', '--auth', 'ada'], /--auth \(value hidden\) is not valid: expected user:password/],
    [['share', '--port', '3000', '--allow-cidr', '300.1.2.3/8'], /--allow-cidr 300\.1\.2\.3\/8 is not valid/],
    [['share', '--port', '3000', '--target', 'elsewhere'], /Given: "elsewhere", Choices: "ngrok", "local"/],
    [['share', '--url', 'ftp://localhost'], /--url ftp:\/\/localhost is not valid/],
  ];
  const results = await Promise.all(cases.map(([args]) => run(args)));
  for (const [index, [args, message]] of cases.entries()) {
    const result = results[index]!;
    expect(result.code, args.join(' ')).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  }
}, 120_000);

test('a closed port is a clear error before any tunnel; a missing token names where to get one', async () => {
  const port = await freePort();
  const closed = await run(['share', '--port', String(port), '--target', 'local']);
  expect(closed.code).toBe(1);
  expect(closed.stderr.trim()).toBe(
    `skylift: nothing answers at http://127.0.0.1:${port} (connection refused); start your app first, or pass --start "<command>" [SKYLIFT_APP_NOT_LISTENING]`,
  );
  const app = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  try {
    const noToken = await run(['share', '--port', String((app.address() as AddressInfo).port)]);
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain('https://dashboard.ngrok.com/get-started/your-authtoken');
    expect(noToken.stderr).toContain(join(root, '.config', 'ngrok', 'ngrok.yml'));
    expect(noToken.stderr.trim().split('\n')).toHaveLength(1);
  } finally {
    app.close();
  }
}, 60_000);

test('share --start the sample API --target local --json: URL on stdout, traffic, ledger, capture; SIGINT leaves no process', async () => {
  const project = await mkdtemp(join(root, 'project-'));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [bin, 'share', '--port', String(port), '--start', `PORT=${port} HOST=127.0.0.1 "${process.execPath}" "${sampleApi}"`, '--target', 'local', '--json', '--auth', 'ada:lovelace-1843'],
    { cwd: project, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', () => reject(new Error(`share exited early: ${stderr}`)));
    });
    const shared = JSON.parse(firstLine) as { url: string; capturePath: string; target: string; app: string; pid: number; appPid: number };
    expect(shared).toMatchObject({ target: 'local', app: `http://127.0.0.1:${port}` });
    const ca = await readFile(join(skyliftHome, 'local-cloud', 'ca', 'ca.pem'), 'utf8');
    const status = await new Promise<number>((resolve, reject) => {
      request(`${shared.url}/api/items`, { ca, headers: { authorization: `Basic ${Buffer.from('ada:lovelace-1843').toString('base64')}` } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(200);
    expect((await readLedger(project)).share).toMatchObject({ url: shared.url, capturePath: shared.capturePath, target: 'local' });

    process.kill(-child.pid!, 'SIGINT'); // what a terminal's Ctrl-C does: the whole foreground group
    expect(await exited).toBe(0);
    expect(groupAlive(child.pid!)).toBe(false);
    await expect.poll(() => groupAlive(shared.appPid)).toBe(false);
    expect((await readLedger(project)).share).toBeUndefined();
    const capture = await readFile(shared.capturePath, 'utf8');
    expect(capture).toContain('"path":"/api/items"');
    expect(capture).not.toContain('lovelace-1843');
    expect(stderr).toMatch(/GET \/api\/items 200/);
    expect(stderr).not.toMatch(/anyone who has the URL/); // --auth is access control
  } finally {
    if (groupAlive(child.pid!)) process.kill(-child.pid!, 'SIGKILL');
  }
}, 90_000);
