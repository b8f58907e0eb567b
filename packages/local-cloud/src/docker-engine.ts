import type Docker from 'dockerode';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { messageOf } from '@skylift/core';
import { currentHost, ensureDebianPackages, installBlocker, type HostFacts, type ProgressSink } from './debian-packages.ts';
import { DockerStartFailed, DockerUnreachable } from './errors.ts';
import { withFileLock } from './lock.ts';
import { localCloudDir } from './paths.ts';
import { isRunning, isSameProcess, logTail, spawnDetached } from './processes.ts';
import { readState, updateState } from './state.ts';
import { withTimeout } from './timeout.ts';

export interface DockerEngine {
  readonly docker: Docker;
  /** True only when skylift launched this dockerd: `skylift local down` stops nothing else. */
  readonly startedByUs: boolean;
}

export const DOCKERD = '/usr/sbin/dockerd';
// No iptables: these machines (containers themselves) cannot program it; published ports on
// 127.0.0.1 still work through docker-proxy.
export const DOCKERD_ARGS = ['--iptables=false'] as const;

/**
 * A client for DOCKER_HOST or the default socket, as the docker CLI picks it. dockerode is loaded
 * on first use: importing it (grpc, protobufjs, ssh2) costs more than a second, and every CLI
 * command and test that imports this package would pay for it.
 */
export async function defaultDockerClient(): Promise<Docker> {
  const { default: Dockerode } = await import('dockerode');
  return new Dockerode();
}

/** Where the engine is looked for, in words for error messages. */
export function engineAddress(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_HOST ?? (process.platform === 'win32' ? 'npipe:////./pipe/docker_engine' : 'unix:///var/run/docker.sock');
}

/**
 * Whether we may start an engine ourselves when none answers. Never behind an explicit
 * DOCKER_HOST (the user named an engine; starting another would hide their mistake).
 */
export function engineStartBlocker(host: HostFacts, env: NodeJS.ProcessEnv): string | undefined {
  if (env.DOCKER_HOST) return 'DOCKER_HOST is set, so skylift will not start an engine of its own';
  const blocker = installBlocker(host);
  return blocker && `${blocker}, so skylift cannot start one itself`;
}

export async function pingEngine(docker: Docker, timeoutMs = 2_000): Promise<string | undefined> {
  try {
    await withTimeout(docker.ping(), timeoutMs, 'the Docker Engine');
    return undefined;
  } catch (error) {
    return messageOf(error);
  }
}

export interface EnsureDockerOptions {
  readonly dir?: string;
  readonly host?: HostFacts;
  readonly onProgress?: ProgressSink;
  readonly startTimeoutMs?: number;
  /** The client to ping; defaults to DOCKER_HOST or the default socket, as the docker CLI does. */
  readonly docker?: Docker;
  /** The engine to start when none answers; defaults to `dockerd --iptables=false`. */
  readonly dockerd?: readonly string[];
}

/**
 * A Docker client whose engine answers. Uses DOCKER_HOST or the default socket when something
 * answers there; otherwise, as root on Debian, installs docker.io if needed and starts dockerd.
 */
export async function ensureDockerEngine(options: EnsureDockerOptions = {}): Promise<DockerEngine> {
  const dir = options.dir ?? localCloudDir();
  const env = process.env;
  const docker = options.docker ?? (await defaultDockerClient());
  const pingError = await pingEngine(docker);
  if (pingError === undefined) return { docker, startedByUs: await weStartedIt(dir) };
  const blocker = engineStartBlocker(options.host ?? currentHost(), env);
  if (blocker) throw DockerUnreachable(engineAddress(env), `${pingError}; ${blocker}`);
  return withFileLock(join(dir, 'docker.lock'), async () => {
    // Another process may have started it while we waited for the lock; installing the package
    // may start it too (where a service manager runs).
    if ((await pingEngine(docker)) === undefined) return { docker, startedByUs: await weStartedIt(dir) };
    await ensureDebianPackages(['docker.io'], options);
    if ((await pingEngine(docker)) === undefined) return { docker, startedByUs: false };
    await startDockerd(docker, dir, options);
    return { docker, startedByUs: true };
  });
}

async function weStartedIt(dir: string): Promise<boolean> {
  const { docker } = await readState(dir);
  return docker !== undefined && (await isSameProcess(docker.pid, docker.command));
}

async function startDockerd(docker: Docker, dir: string, options: EnsureDockerOptions): Promise<void> {
  const logPath = join(dir, 'dockerd.log');
  const command = options.dockerd ?? [DOCKERD, ...DOCKERD_ARGS];
  options.onProgress?.(`starting ${command.join(' ')} (log: ${logPath})`);
  const pid = await spawnDetached({ command: command[0] as string, args: command.slice(1), logPath });
  await updateState(dir, (state) => ({ ...state, docker: { pid, startedAt: new Date().toISOString(), command, logPath } }));
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    const pingError = await pingEngine(docker, 1_000);
    if (pingError === undefined) return;
    if (!isRunning(pid)) throw DockerStartFailed(`it exited: ${await tailInOneLine(logPath)}`, logPath);
    if (Date.now() > deadline) throw DockerStartFailed(`no answer within the timeout (${pingError}): ${await tailInOneLine(logPath)}`, logPath);
    await sleep(250);
  }
}

async function tailInOneLine(logPath: string): Promise<string> {
  return (await logTail(logPath, 5)).split('\n').join(' | ') || 'empty log';
}
