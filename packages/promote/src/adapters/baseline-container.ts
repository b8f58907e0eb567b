import type Docker from 'dockerode';
import type { BuiltImage, RunningContainer } from '../ports.ts';
import { BaselineNotReady } from '../errors.ts';

const READY_TIMEOUT_MS = 30_000;

/**
 * The image just built, running on a loopback port for as long as the compare needs a baseline.
 * (The check stage's container is removed as soon as it answers; this one must stay up.)
 */
export async function runBaselineContainer(
  docker: Docker,
  input: { image: BuiltImage; healthPath: string; labels: Readonly<Record<string, string>> },
): Promise<RunningContainer> {
  const portKey = `${input.image.port}/tcp`;
  const labels = { ...input.labels, 'skylift.role': 'compare-baseline', 'skylift.baseline-of': input.image.localRef.split(':')[0] ?? '' };
  // A run killed mid-compare (Ctrl-C, SIGKILL) leaves its baseline running: the next run removes it.
  const leftovers = await docker.listContainers({
    all: true,
    filters: { label: Object.entries(labels).map(([key, value]) => `${key}=${value}`) },
  });
  await Promise.all(leftovers.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
  const container = await docker.createContainer({
    Image: input.image.imageId,
    Labels: labels,
    ExposedPorts: { [portKey]: {} },
    HostConfig: { PortBindings: { [portKey]: [{ HostIp: '127.0.0.1', HostPort: '' }] }, AutoRemove: false },
  });
  const remove = () => container.remove({ force: true }).catch(() => undefined);
  try {
    await container.start();
    const info = await container.inspect();
    const hostPort = info.NetworkSettings.Ports[portKey]?.[0]?.HostPort;
    if (!hostPort) throw BaselineNotReady(portKey, 0, 'no port published');
    const url = `http://127.0.0.1:${hostPort}`;
    await waitForHealth(`${url}${input.healthPath}`);
    return { url, stop: async () => void (await remove()) };
  } catch (error) {
    await remove();
    throw error;
  }
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw BaselineNotReady(url, READY_TIMEOUT_MS / 1000, last);
}
