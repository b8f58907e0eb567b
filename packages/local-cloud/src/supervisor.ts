import type Docker from 'dockerode';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { messageOf } from '@skylift/core';
import type { ProgressSink } from './debian-packages.ts';
import { defaultDockerClient, engineAddress, ensureDockerEngine, pingEngine } from './docker-engine.ts';
import { ServiceStartFailed, UnknownService } from './errors.ts';
import { fetchWithTimeout } from './fetch-with-timeout.ts';
import { withFileLock } from './lock.ts';
import { ensureNodeBaseImage } from './node-base-image.ts';
import { localCloudDir } from './paths.ts';
import { isSameProcess, logTail, spawnDetached, stopProcess } from './processes.ts';
import type { Endpoints, ServiceDefinition, ServiceLaunch } from './service-definition.ts';
import { services as defaultServices } from './services.ts';
import { readState, updateState, type ServiceRecord } from './state.ts';
import { withTimeout } from './timeout.ts';

export interface SupervisorOptions {
  /** Defaults to `localCloudDir()`. */
  readonly dir?: string;
  readonly services?: readonly ServiceDefinition[];
  readonly onProgress?: ProgressSink;
  readonly readyTimeoutMs?: number;
}

export interface LocalCloud {
  readonly docker: Docker;
  readonly dockerStartedByUs: boolean;
  readonly nodeBaseImage: string;
  readonly services: Readonly<Record<string, ServiceRecord>>;
}

/** Engine, every service and the Node base image; each step is a no-op when already there. */
export async function ensureLocalCloud(options: SupervisorOptions = {}): Promise<LocalCloud> {
  const [engine, records] = await Promise.all([
    ensureDockerEngine({ dir: options.dir, onProgress: options.onProgress }),
    Promise.all((options.services ?? defaultServices).map((service) => ensureService(service, options))),
  ]);
  const { image } = await ensureNodeBaseImage(engine.docker, { onProgress: options.onProgress });
  return {
    docker: engine.docker,
    dockerStartedByUs: engine.startedByUs,
    nodeBaseImage: image,
    services: Object.fromEntries(records.map((record) => [record.name, record])),
  };
}

function findService(name: string, list: readonly ServiceDefinition[]): ServiceDefinition {
  const service = list.find((candidate) => candidate.name === name);
  if (!service) throw UnknownService(name, list.map((candidate) => candidate.name).join(', ') || 'none');
  return service;
}

async function runningRecord(dir: string, name: string): Promise<ServiceRecord | undefined> {
  const record = (await readState(dir)).services[name];
  return record && (await isSameProcess(record.pid, record.command)) ? record : undefined;
}

/** One service, started (or restarted when its process died) only when needed. */
export async function ensureService(service: ServiceDefinition | string, options: SupervisorOptions = {}): Promise<ServiceRecord> {
  const dir = options.dir ?? localCloudDir();
  const definition = typeof service === 'string' ? findService(service, options.services ?? defaultServices) : service;
  const running = await runningRecord(dir, definition.name);
  if (running) return running;
  return withFileLock(join(dir, `${definition.name}.lock`), async () => {
    const again = await runningRecord(dir, definition.name);
    if (again) return again;
    const previous = (await readState(dir)).services[definition.name];
    options.onProgress?.(`starting ${definition.name}`);
    const launch = await definition.launch({ dir: join(dir, definition.name), previous, onProgress: options.onProgress });
    const record = await startService(definition.name, launch, join(dir, 'logs', `${definition.name}.log`), options.readyTimeoutMs ?? 30_000);
    await updateState(dir, (state) => ({ ...state, services: { ...state.services, [definition.name]: record } }));
    return record;
  });
}

async function startService(name: string, launch: ServiceLaunch, logPath: string, timeoutMs: number): Promise<ServiceRecord> {
  const command = [launch.command, ...launch.args];
  const pid = await spawnDetached({ command: launch.command, args: launch.args, cwd: launch.cwd, logPath });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const endpoints = await readyEndpoints(launch, logPath);
    if (endpoints) return { name, pid, endpoints, startedAt: new Date().toISOString(), command };
    const exited = !(await isSameProcess(pid, command));
    if (exited || Date.now() > deadline) {
      if (!exited) await stopProcess(pid, 2_000);
      const tail = (await logTail(logPath, 5)).split('\n').join(' | ') || 'empty log';
      throw ServiceStartFailed(name, `${exited ? 'it exited' : `not ready after ${timeoutMs} ms`}: ${tail}`, logPath);
    }
    await sleep(100);
  }
}

/** The ready line of a daemon, if it printed one; stray log lines around it are ignored. */
export function findReadyLine(output: string): Endpoints | undefined {
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const parsed = JSON.parse(line) as { ready?: unknown; endpoints?: unknown };
      if (parsed.ready === true && parsed.endpoints && typeof parsed.endpoints === 'object') return parsed.endpoints as Endpoints;
    } catch {
      // a partial line still being written, or a log line that merely starts with "{"
    }
  }
  return undefined;
}

async function readyEndpoints(launch: ServiceLaunch, logPath: string): Promise<Endpoints | undefined> {
  const { readiness } = launch;
  if (readiness.kind === 'ready-line') return findReadyLine(await readFile(logPath, 'utf8').catch(() => ''));
  try {
    const response = await fetchWithTimeout(readiness.url, 1_000);
    return response.status < 500 ? readiness.endpoints : undefined;
  } catch {
    return undefined;
  }
}

export interface StopResult {
  /** Names of what was stopped: services, and `dockerd` when we had started it. */
  readonly stopped: readonly string[];
}

/** Stops what the supervisor started, services first, then dockerd (only if skylift started it). */
export async function stopLocalCloud(options: SupervisorOptions = {}): Promise<StopResult> {
  const dir = options.dir ?? localCloudDir();
  const stopped: string[] = [];
  const state = await readState(dir);
  for (const record of Object.values(state.services).reverse()) {
    await withFileLock(join(dir, `${record.name}.lock`), async () => {
      if (await isSameProcess(record.pid, record.command)) {
        options.onProgress?.(`stopping ${record.name} (pid ${record.pid})`);
        await stopProcess(record.pid);
        stopped.push(record.name);
      }
      await updateState(dir, (current) => {
        const { [record.name]: _gone, ...rest } = current.services;
        return { ...current, services: rest };
      });
    });
  }
  const { docker } = state;
  if (docker) {
    await withFileLock(join(dir, 'docker.lock'), async () => {
      if (await isSameProcess(docker.pid, docker.command)) {
        options.onProgress?.(`stopping dockerd (pid ${docker.pid})`);
        await stopProcess(docker.pid, 30_000);
        stopped.push('dockerd');
      }
      await updateState(dir, ({ docker: _gone, ...rest }) => rest);
    });
  }
  return { stopped };
}

export interface ServiceStatus {
  readonly name: string;
  readonly running: boolean;
  readonly pid?: number;
  readonly endpoints?: Endpoints;
  readonly startedAt?: string;
}

export interface LocalCloudStatus {
  readonly engine: { readonly address: string; readonly reachable: boolean; readonly version?: string; readonly detail?: string; readonly startedByUs: boolean };
  readonly services: readonly ServiceStatus[];
}

/** What runs now; starts nothing. */
export async function localCloudStatus(options: SupervisorOptions & { docker?: Docker } = {}): Promise<LocalCloudStatus> {
  const dir = options.dir ?? localCloudDir();
  const state = await readState(dir);
  const names = new Set([...(options.services ?? defaultServices).map((service) => service.name), ...Object.keys(state.services)]);
  const services = await Promise.all(
    [...names].map(async (name): Promise<ServiceStatus> => {
      const record = state.services[name];
      if (!record || !(await isSameProcess(record.pid, record.command))) return { name, running: false };
      return { name, running: true, pid: record.pid, endpoints: record.endpoints, startedAt: record.startedAt };
    }),
  );
  return { engine: await engineStatus(options.docker, state.docker && (await isSameProcess(state.docker.pid, state.docker.command))), services };
}

async function engineStatus(client: Docker | undefined, startedByUs: boolean | undefined): Promise<LocalCloudStatus['engine']> {
  const docker = client ?? (await defaultDockerClient());
  const address = engineAddress(process.env);
  const pingError = await pingEngine(docker);
  if (pingError) return { address, reachable: false, detail: pingError, startedByUs: false };
  try {
    const { Version } = await withTimeout(docker.version(), 2_000, 'the Docker Engine');
    return { address, reachable: true, version: Version, startedByUs: Boolean(startedByUs) };
  } catch (error) {
    return { address, reachable: true, detail: messageOf(error), startedByUs: Boolean(startedByUs) };
  }
}
