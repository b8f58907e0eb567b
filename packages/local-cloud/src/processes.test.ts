import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { cmdlineMatches, isRunning, isSameProcess, logTail, spawnDetached, stopProcess } from './processes.ts';

const dir = await mkdtemp(join(tmpdir(), 'skylift-processes-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

test('cmdlineMatches wants every recorded argument in the NUL-separated cmdline', () => {
  expect(cmdlineMatches('/usr/bin/docker-registry\0serve\0/x/config.yml\0', ['/usr/bin/docker-registry', 'serve', '/x/config.yml'])).toBe(true);
  expect(cmdlineMatches('/usr/bin/sleep\x00100\x00', ['/usr/bin/docker-registry', 'serve'])).toBe(false);
  expect(cmdlineMatches('', ['node'])).toBe(false);
});

test('a detached process logs to its file, is recognised by its argv, and stops on SIGTERM', async () => {
  const logPath = join(dir, 'sleeper.log');
  const script = "console.log('hello from the sleeper'); setInterval(() => {}, 1000)";
  const pid = await spawnDetached({ command: process.execPath, args: ['-e', script], logPath });
  try {
    await expect.poll(() => logTail(logPath), { timeout: 5_000 }).toContain('hello from the sleeper');
    expect(await isSameProcess(pid, [process.execPath, '-e', script])).toBe(true);
    expect(await isSameProcess(pid, [process.execPath, 'something-else.ts'])).toBe(false);
  } finally {
    await stopProcess(pid, 5_000);
  }
  expect(await isSameProcess(pid, [process.execPath, '-e', script])).toBe(false);
});

test('a process that ignores SIGTERM is killed after the grace period', async () => {
  const child = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000)"], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  await stopProcess(child.pid as number, 300);
  expect(await exited).toBe('SIGKILL');
  expect(isRunning(child.pid as number)).toBe(false);
});

test('logTail returns the last lines, and nothing for a missing file', async () => {
  const logPath = join(dir, 'lines.log');
  const pid = await spawnDetached({ command: process.execPath, args: ['-e', 'for (let i = 1; i <= 30; i++) console.log(`line ${i}`)'], logPath });
  await expect.poll(() => logTail(logPath, 3), { timeout: 5_000 }).toBe('line 28\nline 29\nline 30');
  expect(isRunning(pid) ? await stopProcess(pid) : undefined).toBeUndefined();
  expect(await logTail(join(dir, 'missing.log'))).toBe('');
});
