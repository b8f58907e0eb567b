import { setTimeout as delay } from 'node:timers/promises';
import type { ArmClients } from './arm-clients.ts';
import { armCall } from './arm-call.ts';
import { containerLogTail, tellingLine } from './container-logs.ts';
import { AzureNotLive } from './errors.ts';

export interface WaitUntilLiveSpec {
  readonly resourceGroup: string;
  readonly site: string;
  readonly healthCheckPath: string;
  /** App Service allows 230 s for a container to start; the default leaves room for the pull. */
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
}

export interface LiveProgress {
  readonly attempt: number;
  readonly elapsedMs: number;
  /** `HTTP 503`, or the network error, of the last probe. */
  readonly last: string;
}

export interface WaitUntilLiveIo {
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onProgress?: (progress: LiveProgress) => void;
}

export interface Live {
  readonly url: string;
  readonly status: number;
  readonly attempts: number;
  readonly elapsedMs: number;
}

/** The error of a site that never came up carries the container log tail for the terminal to show. */
export interface NotLiveDetails {
  readonly logs: string;
}

/**
 * Polls `https://<defaultHostName><healthCheckPath>` until it answers 2xx. The host is read from
 * the site, never built. On timeout the container logs are fetched and attached to the error
 * (`error.logs`), because "it did not start" is useless without "why".
 */
export async function waitUntilLive(clients: ArmClients, spec: WaitUntilLiveSpec, io: WaitUntilLiveIo = {}): Promise<Live> {
  const fetchImpl = io.fetch ?? fetch;
  const now = io.now ?? Date.now;
  const sleep = io.sleep ?? ((ms: number) => delay(ms));
  const timeoutMs = spec.timeoutMs ?? 300_000;
  const intervalMs = spec.intervalMs ?? 5_000;

  const site = await armCall(`web app "${spec.site}"`, clients.retry, () => clients.web.webApps.get(spec.resourceGroup, spec.site));
  const url = `https://${site.defaultHostName}${spec.healthCheckPath}`;
  const started = now();
  let last = 'no answer yet';
  for (let attempt = 1; ; attempt++) {
    const remaining = timeoutMs - (now() - started);
    try {
      const response = await fetchImpl(url, { signal: AbortSignal.timeout(Math.max(1_000, Math.min(10_000, remaining))) });
      await response.arrayBuffer();
      if (response.status >= 200 && response.status < 300) {
        return { url, status: response.status, attempts: attempt, elapsedMs: now() - started };
      }
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = probeError(error);
    }
    const elapsedMs = now() - started;
    io.onProgress?.({ attempt, elapsedMs, last });
    if (elapsedMs + intervalMs > timeoutMs) break;
    await sleep(intervalMs);
  }

  const waited = now() - started;
  let logs: string;
  let hint: string;
  try {
    logs = await containerLogTail(clients, spec.resourceGroup, spec.site);
    hint = logs === '' ? 'the container log is empty' : `container log: ${tellingLine(logs)}`;
  } catch (error) {
    logs = '';
    hint = `the container log could not be read (${error instanceof Error ? error.message : String(error)})`;
  }
  throw Object.assign(AzureNotLive(url, waited, last, hint), { logs } satisfies NotLiveDetails);
}

function probeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : error.message;
}

