import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppNotListening, AppStartFailed } from './errors.ts';

/** Resolves when a TCP connection to the app opens; rejects with the reason it did not. */
export function probe(target: URL, timeoutMs = 2_000): Promise<void> {
  const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.hostname.replace(/^\[|\]$/g, ''), port });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

export async function assertListening(target: URL): Promise<void> {
  try {
    await probe(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw AppNotListening(target.origin, code === 'ECONNREFUSED' ? 'connection refused' : (error as Error).message);
  }
}

export interface StartedApp {
  readonly pid: number;
  /** Stops the whole process group: the shell and whatever it started. */
  stop(): Promise<void>;
}

/**
 * Runs `command` through the shell in a process group of its own (so the group can be stopped as
 * one, and a terminal's Ctrl-C reaches skylift, which then stops it in order), streams its output
 * line by line, and waits until `target` accepts connections.
 */
export async function startApp(
  command: string,
  target: URL,
  io: { output: (line: string) => void; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number },
): Promise<StartedApp> {
  const child = spawn(command, { shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: io.env, cwd: io.cwd });
  for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream! }).on('line', io.output);
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ? `was stopped by ${signal}` : `exited with code ${code}`)),
  );
  child.once('error', () => undefined);
  const app: StartedApp = { pid: child.pid ?? 0, stop: () => stopGroup(child, exited) };
  const deadline = Date.now() + (io.timeoutMs ?? 30_000);
  let outcome: string | undefined;
  void exited.then((reason) => (outcome = reason));
  for (;;) {
    if (outcome) throw AppStartFailed(command, `${outcome} before ${target.origin} answered`);
    try {
      await probe(target, 500);
      return app;
    } catch {
      if (Date.now() > deadline) {
        await app.stop();
        throw AppStartFailed(command, `started, but nothing answered at ${target.origin} within ${Math.round((io.timeoutMs ?? 30_000) / 1000)} s`);
      }
      await sleep(100);
    }
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the group, up to 5 s for all of it to leave, then SIGKILL for what is left. */
async function stopGroup(child: ChildProcess, exited: Promise<string>): Promise<void> {
  const pid = child.pid;
  if (!pid) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is gone already
    }
  };
  signalGroup('SIGTERM');
  const deadline = Date.now() + 5_000;
  await Promise.race([exited, sleep(5_000)]);
  while (groupAlive(pid) && Date.now() < deadline) await sleep(50);
  if (groupAlive(pid)) {
    signalGroup('SIGKILL');
    await exited;
  }
}
