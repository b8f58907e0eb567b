import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LockTimeout } from './errors.ts';
import { isRunning } from './processes.ts';

/**
 * Serialises work across processes (turbo runs several test processes that all ensure the same
 * local cloud). The lock is a file holding the owner's pid, created with O_EXCL; a lock whose
 * owner died is taken over, so a crash never wedges the next run.
 */
export async function withFileLock<T>(path: string, work: () => Promise<T>, timeoutMs = 300_000): Promise<T> {
  await mkdir(dirname(path), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    // An empty file is a lock being written right now; only a dead owner is stale.
    if (Number.isInteger(holder) && holder > 0 && !isRunning(holder)) {
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw LockTimeout(path, Number.isInteger(holder) ? `pid ${holder}` : 'unknown');
    await sleep(delay);
  }
  try {
    return await work();
  } finally {
    await rm(path, { force: true });
  }
}
