import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DetachedLaunch {
  readonly command: string;
  readonly args: readonly string[];
  readonly logPath: string;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Starts a process that outlives us: its own process group (Ctrl-C on `skylift local up` does
 * not reach it), stdout and stderr appended to one log, no handle keeping our event loop alive.
 */
export async function spawnDetached(launch: DetachedLaunch): Promise<number> {
  await mkdir(dirname(launch.logPath), { recursive: true });
  const log = openSync(launch.logPath, 'w');
  try {
    const child = spawn(launch.command, launch.args, {
      cwd: launch.cwd,
      env: launch.env ?? process.env,
      detached: true,
      stdio: ['ignore', log, log],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => resolve(child.pid as number));
    });
    child.unref();
    return pid;
  } finally {
    closeSync(log);
  }
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when `pid` is alive and, where /proc exists, still runs `command`: a recorded pid may have
 * been reused by an unrelated process after a reboot, and we must never signal that one.
 */
export async function isSameProcess(pid: number, command: readonly string[]): Promise<boolean> {
  if (!isRunning(pid)) return false;
  let cmdline: string;
  try {
    cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return process.platform !== 'linux';
  }
  // A zombie (exited, not yet reaped by its parent) has an empty cmdline.
  return cmdlineMatches(cmdline, command);
}

export function cmdlineMatches(cmdline: string, command: readonly string[]): boolean {
  const argv = cmdline.split('\0').filter((part) => part !== '');
  return argv.length > 0 && command.every((part) => argv.includes(part));
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopProcess(pid: number, graceMs = 10_000): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(pid, name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isRunning(pid) && !(await isZombie(pid))) {
    if (Date.now() > deadline) {
      signal('SIGKILL');
      await sleep(100);
      return;
    }
    await sleep(50);
  }
}

async function isZombie(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** The last lines of a log, for error messages that say why a process did not come up. */
export async function logTail(path: string, lines = 15, maxBytes = 16_384): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return '';
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer.toString('utf8').split('\n').filter(Boolean).slice(-lines).join('\n');
  } finally {
    await handle.close();
  }
}
