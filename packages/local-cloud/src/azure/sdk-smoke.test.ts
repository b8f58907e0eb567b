import { randomUUID } from 'node:crypto';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import { WebSiteManagementClient } from '@azure/arm-appservice';
import { ResourceManagementClient } from '@azure/arm-resources';
import { ManagedIdentityCredential } from '@azure/identity';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestAzure, type TestAzure } from './test-support.ts';

let azure: TestAzure;
beforeAll(async () => {
  // Async answers wherever the provider has them: the SDKs' pollers must follow our headers (sync is pinned elsewhere).
  azure = await startTestAzure({ lro: 'async', asyncDurationMs: 300 });
  // ManagedIdentityCredential reads App Service's variables when it is created (one process per test file).
  process.env.IDENTITY_ENDPOINT = azure.emulator.identityEndpoint;
  process.env.IDENTITY_HEADER = azure.emulator.identityHeader;
});
afterAll(() => azure.close());

it('the real Azure SDKs run RG → ACR → plan → site → AcrPull → teardown against the emulator', async () => {
  const { armEndpoint: endpoint, subscriptionId } = azure.emulator;
  const credential = new ManagedIdentityCredential();
  const scopes = [`${endpoint}/.default`];
  const poll = { updateIntervalInMs: 50 };
  const resources = new ResourceManagementClient(credential, subscriptionId, { endpoint, credentials: { scopes } });
  const registries = new ContainerRegistryManagementClient(credential, subscriptionId, { endpoint, credentials: { scopes } });
  const web = new WebSiteManagementClient(credential, subscriptionId, { endpoint, credentials: { scopes } });
  const authorization = new AuthorizationManagementClient(credential, subscriptionId, { endpoint, credentialScopes: scopes });

  const group = await resources.resourceGroups.createOrUpdate('rg-sdk', { location: 'westeurope', tags: { 'managed-by': 'skylift' } });
  expect(group.properties?.provisioningState).toBe('Succeeded');
  expect(await resources.resourceGroups.checkExistence('rg-sdk')).toEqual({ body: true });
  expect(await resources.resourceGroups.checkExistence('rg-none')).toEqual({ body: false });

  const registryName = `sdk${Date.now()}`;
  expect((await registries.registries.checkNameAvailability({ name: registryName, type: 'Microsoft.ContainerRegistry/registries' })).nameAvailable).toBe(true);
  const registry = await registries.registries.create('rg-sdk', registryName, { location: 'westeurope', sku: { name: 'Basic' }, adminUserEnabled: false }, poll);
  expect(registry.provisioningState).toBe('Succeeded');
  expect(registry.loginServer).toMatch(/^127\.0\.0\.1:\d+$/);

  const plan = await web.appServicePlans.createOrUpdate('rg-sdk', 'plan', { location: 'westeurope', kind: 'linux', reserved: true, sku: { name: 'B1', tier: 'Basic' } }, poll);
  expect(plan.reserved).toBe(true);
  const site = await web.webApps.createOrUpdate(
    'rg-sdk',
    `sdk-app-${Date.now()}`,
    {
      location: 'westeurope',
      kind: 'app,linux,container',
      serverFarmId: plan.id,
      httpsOnly: true,
      identity: { type: 'SystemAssigned' },
      siteConfig: { linuxFxVersion: `DOCKER|${registry.loginServer}/sample/api:v1`, acrUseManagedIdentityCreds: true, appSettings: [{ name: 'WEBSITES_PORT', value: '3000' }] },
    },
    poll,
  );
  expect(site.defaultHostName).toMatch(/^127\.0\.0\.1:\d+$/);
  const principalId = site.identity?.principalId as string;
  expect(principalId).toMatch(/^[0-9a-f-]{36}$/);
  const settings = await web.webApps.listApplicationSettings('rg-sdk', site.name as string);
  expect(settings.properties).toEqual({ WEBSITES_PORT: '3000' });

  const roleDefinitionId = `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d`;
  const assignment = await authorization.roleAssignments.create(registry.id as string, randomUUID(), { roleDefinitionId, principalId, principalType: 'ServicePrincipal' });
  expect(assignment.scope).toBe(registry.id);
  const role = await authorization.roleDefinitions.get(registry.id as string, '7f951dda-4ed3-4680-a7ca-43fe172d538d');
  expect(role.roleName).toBe('AcrPull');

  await web.webApps.restart('rg-sdk', site.name as string);
  await web.webApps.delete('rg-sdk', site.name as string);
  await registries.registries.delete('rg-sdk', registryName, poll);
  await resources.resourceGroups.beginDeleteAndWait('rg-sdk', poll);
  expect(await resources.resourceGroups.checkExistence('rg-sdk')).toEqual({ body: false });
});
