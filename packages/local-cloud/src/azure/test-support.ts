import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAzureEmulator, type AzureEmulator, type AzureEmulatorOptions } from './emulator.ts';

export interface ArmAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: any; // eslint-disable-line -- JSON from the wire, shape asserted by each test
}

/** Plain HTTPS calls against the emulator's REST contract (what the SDKs send, without the SDKs). */
export interface TestAzure {
  readonly emulator: AzureEmulator;
  readonly stateDir: string;
  readonly sub: string;
  token(principalId?: string, resource?: string): Promise<string>;
  arm(method: string, path: string, options?: { body?: unknown; token?: string | null; apiVersion?: string | null }): Promise<ArmAnswer>;
  restart(overrides?: Partial<AzureEmulatorOptions>): Promise<TestAzure>;
  close(options?: { keepState?: boolean }): Promise<void>;
}

/** An answer body as JSON when it is JSON. */
async function answer(response: Response): Promise<ArmAnswer> {
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Which api-version a path belongs to, the way the SDKs pin them. */
function sdkApiVersion(path: string): string {
  const lower = path.toLowerCase();
  if (lower.includes('microsoft.authorization')) return '2022-04-01';
  if (lower.includes('microsoft.containerregistry')) return '2025-11-01';
  if (lower.includes('microsoft.web')) return '2025-05-01';
  if (/^\/subscriptions(\/[^/]+)?$/.test(lower)) return '2022-12-01';
  return '2025-04-01';
}

export async function startTestAzure(options: Partial<AzureEmulatorOptions> = {}, existingStateDir?: string): Promise<TestAzure> {
  const stateDir = existingStateDir ?? (await mkdtemp(join(tmpdir(), 'skylift-azure-test-')));
  const emulator = await startAzureEmulator({
    stateDir,
    asyncDurationMs: 300,
    retryAfterSeconds: 0,
    docker: () => Promise.reject(new Error('this test runs without a Docker Engine')),
    registry: () => Promise.reject(new Error('this test runs without a registry')),
    ...options,
  });
  const token = async (principalId?: string, resource = emulator.armEndpoint) => {
    const url = new URL(emulator.identityEndpoint);
    url.searchParams.set('api-version', '2019-08-01');
    url.searchParams.set('resource', resource);
    if (principalId) url.searchParams.set('principal_id', principalId);
    const response = await fetch(url, { headers: { 'X-IDENTITY-HEADER': emulator.identityHeader } });
    if (!response.ok) throw new Error(`identity endpoint answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const developer = await token();
  const testAzure: TestAzure = {
    emulator,
    stateDir,
    sub: `/subscriptions/${emulator.subscriptionId}`,
    token,
    arm: async (method, path, callOptions = {}) => {
      const url = new URL(path.startsWith('http') ? path : `${emulator.armEndpoint}${path}`);
      const apiVersion = callOptions.apiVersion === undefined ? sdkApiVersion(url.pathname) : callOptions.apiVersion;
      if (apiVersion !== null && !url.searchParams.has('api-version')) url.searchParams.set('api-version', apiVersion);
      const bearer = callOptions.token === undefined ? developer : callOptions.token;
      const headers: Record<string, string> = {};
      if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
      if (callOptions.body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(url, { method, headers, body: callOptions.body === undefined ? undefined : JSON.stringify(callOptions.body) });
      return answer(response);
    },
    restart: async (overrides = {}) => {
      await emulator.close();
      return startTestAzure({ ...options, ...overrides }, stateDir);
    },
    close: async ({ keepState = false } = {}) => {
      await emulator.close();
      if (!keepState) await rm(stateDir, { recursive: true, force: true });
    },
  };
  return testAzure;
}

/** Polls an LRO URL until it stops answering 202 / InProgress. */
export async function pollUntilDone(azure: TestAzure, url: string, kind: 'status' | 'location'): Promise<ArmAnswer[]> {
  const answers: ArmAnswer[] = [];
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const polled = await azure.arm('GET', url);
    answers.push(polled);
    const running = kind === 'status' ? polled.json?.status === 'InProgress' : polled.status === 202;
    if (!running) return answers;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} never finished`);
}
