import type Docker from 'dockerode';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { lastLogLines } from './container-logs.ts';
import { inspectImage } from './engine.ts';
import { ContainerExited, ContainerUnhealthy, ImageHasNoPort } from './errors.ts';

export interface CheckContainerOptions {
  image: string;
  /** Container port; defaults to the image's first exposed TCP port (Dockerfile `EXPOSE`). */
  port?: number;
  /** Path that must answer 2xx; by default `/health`, or `/` when the app has no `/health`. */
  healthPath?: string;
  timeoutMs?: number;
  env?: Readonly<Record<string, string>>;
  labels?: Readonly<Record<string, string>>;
  pollIntervalMs?: number;
}

export interface CheckResult {
  /** The URL that answered 2xx (the container is gone by the time this returns). */
  url: string;
  status: number;
  containerPort: number;
  timeToHealthyMs: number;
}

/**
 * Runs the image the way the cloud will — its own command, its port published on 127.0.0.1 — and
 * waits until it answers; the container is removed whatever happens.
 */
export async function checkContainer(docker: Docker, options: CheckContainerOptions): Promise<CheckResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const info = await inspectImage(docker, options.image);
  const containerPort = options.port ?? exposedTcpPort(info.Config.ExposedPorts);
  if (containerPort === undefined) throw ImageHasNoPort(options.image);
  const portKey = `${containerPort}/tcp`;

  const container = await docker.createContainer({
    Image: info.Id,
    Env: Object.entries(options.env ?? {}).map(([key, value]) => `${key}=${value}`),
    Labels: { ...options.labels },
    ExposedPorts: { [portKey]: {} },
    HostConfig: { PortBindings: { [portKey]: [{ HostIp: '127.0.0.1', HostPort: '' }] } },
  });
  try {
    await container.start();
    const started = performance.now();
    const hostPort = (await container.inspect()).NetworkSettings.Ports[portKey]?.[0]?.HostPort;
    const base = `http://127.0.0.1:${hostPort}`;
    let path = options.healthPath ?? '/health';
    let last = 'no answer yet';
    // Short first, so the time to healthy is not rounded up to one long timeout; doubled up to 2 s
    // so a slow first answer still gets through.
    let probeTimeoutMs = 250;
    for (;;) {
      const answer = await probe(`${base}${path}`, probeTimeoutMs);
      probeTimeoutMs = Math.min(probeTimeoutMs * 2, 2_000);
      if (answer.status !== undefined && answer.status >= 200 && answer.status < 300) {
        return { url: `${base}${path}`, status: answer.status, containerPort, timeToHealthyMs: Math.round(performance.now() - started) };
      }
      if (answer.status === 404 && options.healthPath === undefined && path === '/health') {
        path = '/';
        continue;
      }
      last = answer.status === undefined ? answer.error : `HTTP ${answer.status}`;
      const state = (await container.inspect()).State;
      if (!state.Running) throw ContainerExited(options.image, state.ExitCode, await lastLogLines(container));
      if (performance.now() - started > timeoutMs) {
        throw ContainerUnhealthy(options.image, `${base}${path}`, timeoutMs / 1000, last, await lastLogLines(container));
      }
      await sleep(options.pollIntervalMs ?? 200);
    }
  } finally {
    await container.remove({ force: true, v: true }).catch(() => undefined);
  }
}

function exposedTcpPort(exposed: Readonly<Record<string, unknown>> | undefined): number | undefined {
  const key = Object.keys(exposed ?? {}).find((port) => port.endsWith('/tcp'));
  return key === undefined ? undefined : Number(key.split('/')[0]);
}

/**
 * One GET with its own timeout. Until the app listens, docker-proxy accepts the connection and then
 * stalls, so a short timeout keeps "time to healthy" accurate. The timer is ref'd on purpose
 * (AbortSignal.timeout's is not): a stalled socket alone would let a script's event loop exit.
 */
async function probe(url: string, timeoutMs: number): Promise<{ status: number; error?: undefined } | { status?: undefined; error: string }> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    const response = await fetch(url, { signal: abort.signal });
    await response.body?.cancel();
    return { status: response.status };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { error: cause ?? (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
