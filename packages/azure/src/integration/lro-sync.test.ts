import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACR_TOKEN_USERNAME, acrRegistryAuth } from '../acr-token.ts';
import { AzureAcrExchange } from '../errors.ts';
import { teardown } from '../teardown.ts';
import { deploySample, sampleNames } from '../testing/deploy-sample.ts';
import { startLocalAzure, uniqueSuffix, type LocalAzure } from '../testing/local-azure.ts';

/** The same ARM sequence when every PUT/DELETE answers synchronously (200/201 without poll headers). */
describe('ARM sequence with synchronous answers', () => {
  let local: LocalAzure;

  beforeAll(async () => {
    local = await startLocalAzure({ lro: 'sync' });
  });
  afterAll(async () => local?.close());

  it('creates group, registry, plan, site and AcrPull, exchanges an ACR token, then tears them down', { timeout: 60_000 }, async () => {
    const names = sampleNames(uniqueSuffix());
    const deployment = await deploySample(local.clients, names);
    expect(deployment.resourceGroup.created).toBe(true);
    expect(deployment.registry.loginServer).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(deployment.plan.created).toBe(true);
    expect(deployment.site.change).toBe('created');
    expect(deployment.site.principalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(deployment.acrPull?.created).toBe(true);

    const auth = await acrRegistryAuth(local.clients.credential, local.clients.cloud, deployment.registry.loginServer);
    expect(auth.username).toBe(ACR_TOKEN_USERNAME);
    expect(auth.serveraddress).toBe(deployment.registry.loginServer);
    expect(auth.password.length).toBeGreaterThan(20);
    expect(inspect(auth)).not.toContain(auth.password);

    const unreachable = await acrRegistryAuth(local.clients.credential, local.clients.cloud, '127.0.0.1:9').catch((e: unknown) => e);
    expect(AzureAcrExchange.is(unreachable)).toBe(true);
    expect((unreachable as Error).message).toMatch(/^registry 127\.0\.0\.1:9: token exchange failed \(.+\); check that/);

    const steps = await teardown(local.clients, {
      resourceGroup: names.resourceGroup,
      project: names.project,
      deleteResourceGroup: true,
      roleAssignment: { scope: deployment.acrPull!.scope, name: deployment.acrPull!.name },
      site: names.site,
      plan: names.plan,
      registry: names.registry,
    });
    expect(steps.every((step) => step.outcome === 'deleted')).toBe(true);
    await expect(local.clients.resources.resourceGroups.get(names.resourceGroup)).rejects.toMatchObject({ statusCode: 404 });
  });
});
