import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect, test } from 'vitest';
import { LockTimeout } from './errors.ts';
import { withFileLock } from './lock.ts';

const dir = await mkdtemp(join(tmpdir(), 'skylift-lock-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

test('holders run one at a time and the lock file is gone afterwards', async () => {
  const path = join(dir, 'serial.lock');
  const events: string[] = [];
  const hold = (name: string) =>
    withFileLock(path, async () => {
      events.push(`${name}:in`);
      await sleep(30);
      events.push(`${name}:out`);
    });
  await Promise.all([hold('a'), hold('b'), hold('c')]);
  for (let i = 0; i < events.length; i += 2) expect(events[i + 1]).toBe(events[i]?.replace(':in', ':out'));
  await expect(readFile(path)).rejects.toThrow(/ENOENT/);
});

test('a lock left by a dead process is taken over', async () => {
  const path = join(dir, 'stale.lock');
  const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim();
  await writeFile(path, dead);
  expect(await withFileLock(path, async () => 'ran', 2_000)).toBe('ran');
});

test('a lock held by a live process times out with a message naming the holder', async () => {
  const path = join(dir, 'held.lock');
  await writeFile(path, String(process.ppid));
  const error = await withFileLock(path, async () => 'ran', 200).catch((caught: unknown) => caught);
  expect(LockTimeout.is(error)).toBe(true);
  expect((error as Error).message).toContain(`pid ${process.ppid}`);
});
