import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAzureEmulator } from '@skylift/local-cloud';
import type { ArmClients } from '../arm-clients.ts';
import { connectAzure } from '../connect.ts';
import type { RetryOptions } from '../retry.ts';
import { TEST_LABELS } from './sample-api-image.ts';

type EmulatorOptions = Parameters<typeof startAzureEmulator>[0];
export type LocalAzureEmulator = Awaited<ReturnType<typeof startAzureEmulator>>;

export interface LocalAzure {
  readonly emulator: LocalAzureEmulator;
  readonly clients: ArmClients;
  /** Stops the emulator and starts it again on the same state (ports, keys, resources). */
  restart(): Promise<LocalAzure>;
  close(): Promise<void>;
}

/**
 * The Azure emulator in-process with the real SDK clients pointed at it, tuned to poll and back off
 * in milliseconds. One per test file: MSAL keeps the identity endpoint for the whole process.
 */
export async function startLocalAzure(
  options: Omit<EmulatorOptions, 'stateDir'> = {},
  retry: RetryOptions = { attempts: 6, baseDelayMs: 50, maxDelayMs: 500 },
): Promise<LocalAzure> {
  return startOn(await mkdtemp(join(tmpdir(), 'skylift-azure-test-')), options, retry);
}

async function startOn(stateDir: string, options: Omit<EmulatorOptions, 'stateDir'>, retry: RetryOptions): Promise<LocalAzure> {
  const emulator = await startAzureEmulator({
    stateDir,
    asyncDurationMs: 100,
    retryAfterSeconds: 0,
    siteRetryIntervalMs: 500,
    warmupIntervalMs: 100,
    containerLabels: TEST_LABELS,
    ...options,
  });
  const clients = connectAzure({ cloud: 'local', local: emulator }, {
    pollIntervalMs: 50,
    sdkRetry: { retryDelayInMs: 20, maxRetryDelayInMs: 200 },
    retry,
  });
  return {
    emulator,
    clients,
    restart: async () => {
      await emulator.close();
      return startOn(stateDir, options, retry);
    },
    close: async () => {
      await emulator.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** Unique per run: several people run these tests on one machine and names are global. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 3).toString(36)}`.slice(-9);
}
