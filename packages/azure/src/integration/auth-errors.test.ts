import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { connectAzure } from '../connect.ts';
import { ensureResourceGroup } from '../ensure-resource-group.ts';
import { AzureAuth } from '../errors.ts';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * When the identity endpoint is unreachable (local cloud down, no `az login`), the real
 * DefaultAzureCredential fails inside the SDK; the user must get one line saying how to sign in,
 * and no secret (the identity header) in it.
 */
describe('authentication failures', () => {
  it('become SKYLIFT_AZURE_AUTH naming the resource and the fix', { timeout: 60_000 }, async () => {
    const identityHeader = 'not-a-real-header-0123456789';
    const clients = connectAzure(
      {
        cloud: 'local',
        local: {
          armEndpoint: `https://127.0.0.1:${await closedPort()}`,
          identityEndpoint: `http://127.0.0.1:${await closedPort()}/msi/token`,
          identityHeader,
          subscriptionId: '00000000-0000-0000-0000-000000000001',
        },
      },
      { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, sdkRetry: { maxRetries: 0 } },
    );
    const error = await ensureResourceGroup(clients, { name: 'rg', location: 'westeurope', project: 'demo' }).catch((e: unknown) => e);
    expect(AzureAuth.is(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(/^resource group "rg": could not authenticate \(.+\); run `az login`/);
    expect(message).not.toContain('\n');
    expect(message).not.toContain(identityHeader);
  });
});
