import type { TokenCredential } from '@azure/core-auth';
import { describe, expect, it } from 'vitest';
import { createArmClients, type ArmClients } from './arm-clients.ts';
import { localCloud } from './clouds.ts';
import { ensurePlan } from './ensure-plan.ts';
import { ensureRegistry } from './ensure-registry.ts';
import { ensureResourceGroup } from './ensure-resource-group.ts';
import { ensureWebApp } from './ensure-web-app.ts';
import { AzureInvalidName } from './errors.ts';

/**
 * Bad names must fail before the first token request or ARM call: the clients here are the real
 * SDK clients, pointed at a port nothing listens on, with a credential that counts token requests.
 */
function countingClients() {
  let tokenRequests = 0;
  const credential: TokenCredential = {
    getToken: async () => {
      tokenRequests += 1;
      return { token: 'never-used', expiresOnTimestamp: Date.now() + 60_000 };
    },
  };
  const clients = createArmClients({
    cloud: localCloud('https://127.0.0.1:9'),
    subscriptionId: '00000000-0000-0000-0000-000000000001',
    credential,
    sdkRetry: { maxRetries: 0 },
    retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  });
  return { clients, tokenRequests: () => tokenRequests };
}

const common = { resourceGroup: 'rg', location: 'westeurope', project: 'demo' };

describe('invalid names are rejected before any call', () => {
  it.each([
    ['resource group', (c: ArmClients) => ensureResourceGroup(c, { name: 'bad/group', location: 'westeurope', project: 'demo' })],
    ['location', (c: ArmClients) => ensureResourceGroup(c, { name: 'rg', location: 'West Europe', project: 'demo' })],
    ['registry', (c: ArmClients) => ensureRegistry(c, { ...common, name: 'no-hyphens-allowed' })],
    ['plan', (c: ArmClients) => ensurePlan(c, { ...common, name: 'bad plan' })],
    [
      'web app',
      (c: ArmClients) =>
        ensureWebApp(c, {
          ...common,
          name: '-bad-',
          planId: 'p',
          image: { loginServer: 'x.azurecr.io', repository: 'api', tag: 'v1' },
          port: 3000,
          healthCheckPath: '/health',
        }),
    ],
    [
      'image tag',
      (c: ArmClients) =>
        ensureWebApp(c, {
          ...common,
          name: 'good-name',
          planId: 'p',
          image: { loginServer: 'x.azurecr.io', repository: 'api', tag: '-bad' },
          port: 3000,
          healthCheckPath: '/health',
        }),
    ],
  ])('%s', async (_kind, call) => {
    const { clients, tokenRequests } = countingClients();
    const error = await call(clients).catch((thrown: unknown) => thrown);
    expect(AzureInvalidName.is(error)).toBe(true);
    expect(tokenRequests()).toBe(0);
  });

  it('a valid name does reach the network (so the check above means something)', async () => {
    const { clients, tokenRequests } = countingClients();
    const error = await ensureResourceGroup(clients, { name: 'rg', location: 'westeurope', project: 'demo' }).catch((e: unknown) => e);
    expect(tokenRequests()).toBeGreaterThan(0);
    expect((error as { code?: string }).code).toBe('SKYLIFT_AZURE_UNAVAILABLE');
  });
});
