import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACR_TOKEN_USERNAME, acrRegistryAuth } from '../acr-token.ts';
import { ensurePlan } from '../ensure-plan.ts';
import { ensureRegistry } from '../ensure-registry.ts';
import { ensureResourceGroup } from '../ensure-resource-group.ts';
import { ensureWebApp } from '../ensure-web-app.ts';
import { AzureAcrExchange, AzureNameTaken } from '../errors.ts';
import { teardown } from '../teardown.ts';
import { deploySample, LOCATION, sampleNames, sampleTeardownList, type SampleDeployment } from '../testing/deploy-sample.ts';
import { startLocalAzure, uniqueSuffix, type LocalAzure } from '../testing/local-azure.ts';

/** The ARM sequence when every PUT/DELETE answers synchronously (200/201 without poll headers). */
describe('ARM sequence with synchronous answers', () => {
  const names = sampleNames(uniqueSuffix());
  let local: LocalAzure;
  let deployment: SampleDeployment;

  beforeAll(async () => {
    local = await startLocalAzure({ lro: 'sync' });
  });
  afterAll(async () => local?.close());

  it('creates group, registry, plan, site and AcrPull', async () => {
    deployment = await deploySample(local.clients, names);
    expect(deployment.resourceGroup.created).toBe(true);
    expect(deployment.registry.loginServer).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(deployment.plan.created).toBe(true);
    expect(deployment.site.change).toBe('created');
    expect(deployment.site.principalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(deployment.acrPull?.created).toBe(true);
  });

  it('exchanges an Entra token for docker credentials, redacted when inspected', async () => {
    const auth = await acrRegistryAuth(local.clients.credential, local.clients.cloud, deployment.registry.loginServer);
    expect(auth.username).toBe(ACR_TOKEN_USERNAME);
    expect(auth.serveraddress).toBe(deployment.registry.loginServer);
    expect(auth.password.length).toBeGreaterThan(20);
    expect(inspect(auth)).not.toContain(auth.password);

    const unreachable = await acrRegistryAuth(local.clients.credential, local.clients.cloud, '127.0.0.1:9').catch((e: unknown) => e);
    expect(AzureAcrExchange.is(unreachable)).toBe(true);
    expect((unreachable as Error).message).toMatch(/^registry 127\.0\.0\.1:9: token exchange failed \(.+\); check that/);
  });

  it('refuses registry and site names another group holds (names are global)', async () => {
    const other = sampleNames(uniqueSuffix());
    await ensureResourceGroup(local.clients, { name: other.resourceGroup, location: LOCATION, project: other.project });
    const common = { resourceGroup: other.resourceGroup, location: LOCATION, project: other.project };
    const registryTaken = await ensureRegistry(local.clients, { ...common, name: names.registry }).catch((e: unknown) => e);
    expect(AzureNameTaken.is(registryTaken)).toBe(true);
    expect((registryTaken as Error).message).toMatch(new RegExp(`^registry "${names.registry}" is taken by someone else`));
    const otherPlan = await ensurePlan(local.clients, { ...common, name: other.plan });
    const siteTaken = await ensureWebApp(local.clients, { ...deployment.siteSpec, ...common, planId: otherPlan.id }).catch((e: unknown) => e);
    expect(AzureNameTaken.is(siteTaken)).toBe(true);
    expect((siteTaken as Error).message).toMatch(new RegExp(`^web app "${names.site}" is taken by someone else`));
    await teardown(local.clients, { resourceGroup: other.resourceGroup, project: other.project, deleteResourceGroup: true });
  });

  it('a re-run after the emulator restarts on its state finds everything in place', async () => {
    local = await local.restart();
    const rerun = await deploySample(local.clients, names);
    expect([rerun.resourceGroup.created, rerun.registry.created, rerun.plan.created, rerun.acrPull?.created]).toEqual([false, false, false, false]);
    expect(rerun.site.change).toBe('unchanged');
    expect(rerun.site.principalId).toBe(deployment.site.principalId);
  });

  it('tears everything down', async () => {
    const steps = await teardown(local.clients, sampleTeardownList(names, deployment));
    expect(steps.every((step) => step.outcome === 'deleted')).toBe(true);
    await expect(local.clients.resources.resourceGroups.get(names.resourceGroup)).rejects.toMatchObject({ statusCode: 404 });
  });
});
