import { request as httpsRequest } from 'node:https';
import { describe, expect, it } from 'vitest';
import { acrPullRoleDefinitionId } from '../ensure-acr-pull.ts';
import { ensurePlan } from '../ensure-plan.ts';
import { ensureRegistry } from '../ensure-registry.ts';
import { ensureResourceGroup } from '../ensure-resource-group.ts';
import { ensureWebApp } from '../ensure-web-app.ts';
import { ensureAcrPull } from '../ensure-acr-pull.ts';
import { AzureNotOurs } from '../errors.ts';
import { teardown } from '../teardown.ts';
import { waitUntilLive, type LiveProgress } from '../wait-until-live.ts';
import { acrRegistryAuth } from '../acr-token.ts';
import { deployImage } from '../deploy-image.ts';
import { deploySample, HEALTH_PATH, LOCATION, REPOSITORY, sampleTeardownList, type SampleDeployment } from '../testing/deploy-sample.ts';
import { useSampleApiSuite } from '../testing/sample-api-suite.ts';
import { pushToRegistry } from '../testing/sample-api-image.ts';

function statusOnNewConnection(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const request = httpsRequest(url, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    request.end();
  });
}

/**
 * The whole Azure stage with the real SDKs against the emulator (ARM answering with 201/202 +
 * Azure-AsyncOperation), a real Docker Engine and registry, and the sample API image.
 */
describe('full flow on the local cloud (async LRO answers)', () => {
  const suite = useSampleApiSuite({ lro: 'async', asyncDurationMs: 150 });
  const { suffix, names, image } = suite;
  let deployment: SampleDeployment;

  it('RG → ACR → push → plan → site → AcrPull → live 200 over HTTPS', { timeout: 180_000 }, async () => {
    const started = performance.now();
    deployment = await deploySample(suite.local.clients, names, { push: { docker: suite.docker, image } });
    suite.pushed(deployment);
    const progress: LiveProgress[] = [];
    const live = await waitUntilLive(
      suite.local.clients,
      { resourceGroup: names.resourceGroup, site: names.site, healthCheckPath: HEALTH_PATH, timeoutMs: 90_000, intervalMs: 250 },
      { onProgress: (step) => progress.push(step) },
    );
    const total = Math.round(performance.now() - started);
    console.info(`full flow: ${JSON.stringify({ ...deployment.timings, live: live.elapsedMs, total })} ms`);

    expect(deployment.resourceGroup.created).toBe(true);
    expect(deployment.registry.created).toBe(true);
    expect(deployment.registry.loginServer).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(deployment.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(deployment.site.change).toBe('created');
    expect(deployment.acrPull?.created).toBe(true);
    expect(live.status).toBe(200);
    expect(live.url).toBe(`https://${deployment.site.defaultHostName}${HEALTH_PATH}`);

    const answer = await fetch(`https://${deployment.site.defaultHostName}/api/items`);
    expect(answer.status).toBe(200);
    const items = (await answer.json()) as unknown[];
    expect(items.length).toBeGreaterThan(0);
  });

  it('the site is what skylift asked for: identity, httpsOnly, registry pulls by identity, port, tags', async () => {
    const site = await suite.local.clients.web.webApps.get(names.resourceGroup, names.site);
    expect(site.identity?.type).toBe('SystemAssigned');
    expect(site.httpsOnly).toBe(true);
    const config = await suite.local.clients.web.webApps.getConfiguration(names.resourceGroup, names.site);
    expect(config.acrUseManagedIdentityCreds).toBe(true);
    expect(config.linuxFxVersion).toBe(`DOCKER|${deployment.registry.loginServer}/sample-api:${suffix}`);
    expect(config.healthCheckPath).toBe(HEALTH_PATH);
    expect(site.tags).toEqual({ 'managed-by': 'skylift', 'skylift-project': names.project });
    const settings = await suite.local.clients.web.webApps.listApplicationSettings(names.resourceGroup, names.site);
    expect(settings.properties?.WEBSITES_PORT).toBe('3000');
    const registry = await suite.local.clients.registries.registries.get(names.resourceGroup, names.registry);
    expect(registry.adminUserEnabled).toBe(false);
    expect(registry.sku.name).toBe('Basic');
    const plan = await suite.local.clients.web.appServicePlans.get(names.resourceGroup, names.plan);
    expect(plan.reserved).toBe(true);
    expect(plan.sku?.name).toBe('B1');
  });

  it('a re-run changes nothing and adds no second role assignment', async () => {
    const { clients } = suite.local;
    const common = { resourceGroup: names.resourceGroup, location: LOCATION, project: names.project };
    const rg = await ensureResourceGroup(clients, { name: names.resourceGroup, location: LOCATION, project: names.project });
    const registry = await ensureRegistry(clients, { ...common, name: names.registry });
    const plan = await ensurePlan(clients, { ...common, name: names.plan });
    const site = await ensureWebApp(clients, deployment.siteSpec);
    const grant = await ensureAcrPull(clients, { registryId: registry.id, principalId: site.principalId });

    expect([rg.created, registry.created, plan.created, grant.created]).toEqual([false, false, false, false]);
    expect(site.change).toBe('unchanged');
    expect(site.principalId).toBe(deployment.site.principalId);
    expect(grant.name).toBe(deployment.acrPull?.name);

    const acrPulls = [];
    for await (const assignment of clients.authorization.roleAssignments.listForScope(registry.id)) {
      if (assignment.roleDefinitionId?.toLowerCase() === acrPullRoleDefinitionId(clients.subscriptionId).toLowerCase()) {
        acrPulls.push(assignment);
      }
    }
    expect(acrPulls.map((assignment) => assignment.principalId)).toEqual([site.principalId]);
    // On the registry only: not inherited from the group or the subscription.
    expect(acrPulls[0]?.scope?.replace(/^\/+/, '/').toLowerCase()).toBe(registry.id.toLowerCase());
  });

  it('swaps the image and a setting, restarts, and the new build answers', { timeout: 120_000 }, async () => {
    const { clients } = suite.local;
    const { loginServer } = deployment.registry;
    const tag = `${suffix}b`;
    const auth = await acrRegistryAuth(clients.credential, clients.cloud, loginServer);
    suite.pushed(deployment, tag);
    await pushToRegistry(suite.docker, image, { loginServer, repository: REPOSITORY, tag }, auth);
    const before = await fetch(`https://${deployment.site.defaultHostName}/api/items/999999`);
    expect(before.status).toBe(404);

    const spec = { ...deployment.siteSpec, image: { ...deployment.siteSpec.image, tag }, appSettings: { SAMPLE_API_BEHAVIOUR: 'changed' } };
    const swapped = await deployImage(clients, spec);
    expect(swapped.change).toBe('updated');
    expect(swapped.principalId).toBe(deployment.site.principalId);
    await waitUntilLive(clients, { resourceGroup: names.resourceGroup, site: names.site, healthCheckPath: HEALTH_PATH, timeoutMs: 60_000, intervalMs: 250 });

    const config = await clients.web.webApps.getConfiguration(names.resourceGroup, names.site);
    expect(config.linuxFxVersion).toBe(`DOCKER|${loginServer}/${REPOSITORY}:${tag}`);
    const after = await fetch(`https://${deployment.site.defaultHostName}/api/items/999999`);
    expect(after.status).toBe(500);
  });

  it('refuses to adopt or delete a resource group skylift did not tag', async () => {
    const { clients } = suite.local;
    const foreign = `someone-elses-${suffix}`;
    await clients.resources.resourceGroups.createOrUpdate(foreign, { location: LOCATION, tags: { owner: 'someone' } });

    const adopt = await ensureResourceGroup(clients, { name: foreign, location: LOCATION, project: names.project }).catch((e: unknown) => e);
    expect(AzureNotOurs.is(adopt)).toBe(true);
    expect((adopt as Error).message).toMatch(/resource group "someone-elses-.*" was not created by skylift \(no tag managed-by=skylift\)/);

    const down = await teardown(clients, { resourceGroup: foreign, deleteResourceGroup: true }).catch((e: unknown) => e);
    expect(AzureNotOurs.is(down)).toBe(true);
    expect((await clients.resources.resourceGroups.get(foreign)).name).toBe(foreign);
    await clients.resources.resourceGroups.delete(foreign, { updateIntervalInMs: 50 });
  });

  it('teardown removes exactly what the ledger names, then the group', { timeout: 60_000 }, async () => {
    const { clients } = suite.local;
    const steps = await teardown(clients, sampleTeardownList(names, deployment));
    expect(steps).toEqual([
      { resource: `AcrPull role assignment ${deployment.acrPull!.name}`, outcome: 'deleted' },
      { resource: `web app "${names.site}"`, outcome: 'deleted' },
      { resource: `App Service plan "${names.plan}"`, outcome: 'deleted' },
      { resource: `registry "${names.registry}"`, outcome: 'deleted' },
      { resource: `resource group "${names.resourceGroup}"`, outcome: 'deleted' },
    ]);
    await expect(clients.resources.resourceGroups.get(names.resourceGroup)).rejects.toMatchObject({ statusCode: 404 });
    await expect(clients.web.webApps.get(names.resourceGroup, names.site)).rejects.toMatchObject({ statusCode: 404 });
    // A new connection (fetch would reuse a pooled keep-alive socket): the front end is gone.
    expect(await statusOnNewConnection(`https://${deployment.site.defaultHostName}${HEALTH_PATH}`)).toBe('ECONNREFUSED');

    const again = await teardown(clients, { resourceGroup: names.resourceGroup, project: names.project, deleteResourceGroup: true });
    expect(again).toEqual([{ resource: `resource group "${names.resourceGroup}"`, outcome: 'already gone' }]);
  });
});
