import type Docker from 'dockerode';
import { setTimeout as sleep } from 'node:timers/promises';
import { fetchWithTimeout } from '../fetch-with-timeout.ts';

/** Label on everything tests create, so a crashed run's leftovers can be found and removed. */
export const TEST_LABELS = { 'skylift.test': '1' } as const;

export interface LoopbackContainer {
  readonly url: string;
  readonly container: Docker.Container;
  remove(): Promise<void>;
}

/** Runs `image` with `containerPort` published on an ephemeral 127.0.0.1 port. */
export async function runOnLoopback(
  docker: Docker,
  options: { image: string; containerPort: number; cmd?: string[]; env?: string[] },
): Promise<LoopbackContainer> {
  const port = `${options.containerPort}/tcp`;
  const container = await docker.createContainer({
    Image: options.image,
    Cmd: options.cmd,
    Env: options.env,
    Labels: TEST_LABELS,
    ExposedPorts: { [port]: {} },
    HostConfig: { PortBindings: { [port]: [{ HostIp: '127.0.0.1', HostPort: '' }] } },
  });
  const remove = () => container.remove({ force: true, v: true }).catch(() => undefined);
  try {
    await container.start();
    const info = await container.inspect();
    const hostPort = info.NetworkSettings.Ports[port]?.[0]?.HostPort;
    if (!hostPort) throw new Error(`${options.image}: port ${port} was not published`);
    return { url: `http://127.0.0.1:${hostPort}`, container, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** Polls `url` until it answers 2xx; returns the last response's status and body. */
export async function waitForHttp(url: string, timeoutMs = 20_000): Promise<{ status: number; body: string }> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    try {
      const response = await fetchWithTimeout(url, 2_000);
      const body = await response.text();
      if (response.ok) return { status: response.status, body };
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 2xx within ${timeoutMs} ms (${last})`);
    await sleep(200);
  }
}
