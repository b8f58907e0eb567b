// The full rehearsal, on the local cloud, through the real CLI, as a user would type it:
// local cloud up → sample API → `share` through the local ngrok edge → `promote --target local`
// → `compare` tunnel vs cloud side by side → the HTML report's path → `down` (unless --keep).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Terminal } from '@skylift/core';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'packages/cli/bin/skylift.js');
const sample = join(root, 'apps/sample-api');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** One CLI step in the foreground: its stderr (progress, side-by-side report) shows as it runs. */
function skylift(terminal: Terminal, dir: string, args: string[]): Promise<{ status: number; stdout: string }> {
  terminal.info(`\n$ skylift ${args.join(' ')}`);
  const child = spawn(process.execPath, [cli, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.pipe(terminal.stderr, { end: false });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? 1, stdout }));
  });
}

/**
 * `share` keeps running in the background. Its stdout (just the URL) goes to a file, so a share kept
 * with --keep outlives the demo without writing into a closed pipe; its request log shows here while
 * the rehearsal runs, or goes to `.skylift/share.log` when kept.
 */
async function startShare(terminal: Terminal, dir: string, port: number, keep: boolean): Promise<{ child: ChildProcess; url: string }> {
  const args = ['share', '--target', 'local', '--port', String(port), '--start', 'node dist/server.mjs'];
  terminal.info(`\n$ PORT=${port} skylift ${args.join(' ')} &`);
  await mkdir(join(dir, '.skylift'), { recursive: true });
  const outPath = join(dir, '.skylift', 'share.out');
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', openSync(outPath, 'w'), keep ? openSync(join(dir, '.skylift', 'share.log'), 'w') : 'pipe'],
    detached: keep,
  });
  // Without the app's own JSON logs, which share relays.
  let partial = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (!line.startsWith('[app] {')) terminal.stderr.write(`${line}\n`);
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const url = (await readFile(outPath, 'utf8')).split('\n').find((line) => /^https?:\/\//.test(line.trim()));
    if (url) {
      if (keep) child.unref();
      return { child, url: url.trim() };
    }
    if (child.exitCode !== null) throw new Error(`skylift share exited (${child.exitCode}) before printing its URL`);
    if (Date.now() > deadline) throw new Error('skylift share printed no URL within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The sample API as a user's project, in a temp directory so the rehearsal leaves the work tree clean. */
async function sampleProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'skylift-demo-'));
  await mkdir(join(dir, 'dist'));
  for (const file of ['Dockerfile', '.dockerignore', 'skylift.suite.yaml', 'dist/server.mjs']) await copyFile(join(sample, file), join(dir, file));
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name: 'sample-api', private: true, type: 'module' }, null, 2)}\n`);
  return dir;
}

export async function rehearse(terminal: Terminal, options: { keep: boolean }): Promise<string> {
  terminal.info('bundling apps/sample-api');
  execOrThrow('npm', ['run', '--silent', 'build', '-w', '@skylift/sample-api']);
  const dir = await sampleProject();
  let kept = false;
  let share: ChildProcess | undefined;
  try {
    if ((await skylift(terminal, dir, ['local', 'up'])).status !== 0) throw new Error('skylift local up failed');
    const started = await startShare(terminal, dir, await freePort(), options.keep);
    share = started.child;
    const tunnel = started.url;
    terminal.info(`tunnel: ${tunnel}`);
    const promoted = await skylift(terminal, dir, ['promote', '--target', 'local']);
    const cloud = promoted.stdout.trim();
    if (promoted.status !== 0 || !cloud) throw new Error(`skylift promote --target local failed (exit ${promoted.status})`);
    const report = join(dir, '.skylift', 'reports', 'tunnel-vs-cloud.html');
    const compared = await skylift(terminal, dir, ['compare', tunnel, cloud, '--html', report]);
    terminal.stderr.write(compared.stdout);
    terminal.info(`\ntunnel  ${tunnel}\ncloud   ${cloud}\nreport  ${report}`);
    if (compared.status !== 0) throw new Error(`the tunnel and the cloud copy answer differently (compare exit ${compared.status})`);
    kept = options.keep;
    if (kept) terminal.info(`kept running: tunnel ${tunnel}, cloud ${cloud}; remove both with: skylift down --yes --dir ${dir}`);
    return cloud;
  } finally {
    // `down` stops the share (from the ledger) and deletes what promote created, also after a failure.
    if (!kept && (await skylift(terminal, dir, ['down', '--yes'])).status !== 0) {
      terminal.warn(`cleanup failed; finish it with: skylift down --yes --dir ${dir}`);
    }
    if (!kept && share?.exitCode === null) share.kill('SIGTERM');
  }
}

function execOrThrow(command: string, args: string[]): void {
  const run = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}
