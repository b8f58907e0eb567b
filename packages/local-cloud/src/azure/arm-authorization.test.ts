import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAzure, type TestAzure } from './test-support.ts';

const acrPull = '7f951dda-4ed3-4680-a7ca-43fe172d538d';
let azure: TestAzure;
let registryId: string;
let sitePrincipal: string;

async function newSitePrincipal(): Promise<string> {
  const name = `app-${randomUUID().slice(0, 8)}`;
  const web = `${azure.sub}/resourceGroups/rg-rbac/providers/Microsoft.Web`;
  const site = await azure.arm('PUT', `${web}/sites/${name}`, {
    body: { location: 'westeurope', identity: { type: 'SystemAssigned' }, properties: { serverFarmId: `${web}/serverfarms/plan`, siteConfig: { linuxFxVersion: 'DOCKER|127.0.0.1:1/a:b' } } },
  });
  return site.json.identity.principalId as string;
}

const assignment = (scope: string, name: string) => `/${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`;
const acrPullBody = (principalId: string) => ({
  properties: { roleDefinitionId: `${azure.sub}/providers/Microsoft.Authorization/roleDefinitions/${acrPull}`, principalId, principalType: 'ServicePrincipal' },
});

beforeAll(async () => {
  azure = await startTestAzure({ lro: 'sync' });
  await azure.arm('PUT', `${azure.sub}/resourcegroups/rg-rbac`, { body: { location: 'westeurope' } });
  const registry = await azure.arm('PUT', `${azure.sub}/resourceGroups/rg-rbac/providers/Microsoft.ContainerRegistry/registries/rbac${Date.now()}`, {
    body: { location: 'westeurope', sku: { name: 'Basic' } },
  });
  registryId = registry.json.id;
  await azure.arm('PUT', `${azure.sub}/resourceGroups/rg-rbac/providers/Microsoft.Web/serverfarms/plan`, {
    body: { location: 'westeurope', kind: 'linux', sku: { name: 'B1' }, properties: { reserved: true } },
  });
  sitePrincipal = await newSitePrincipal();
});
afterAll(() => azure.close());

describe('role definitions (2022-04-01)', () => {
  it('serves the AcrPull built-in role by id and by name', async () => {
    const byId = await azure.arm('GET', `${registryId}/providers/Microsoft.Authorization/roleDefinitions/${acrPull}`);
    expect(byId.status).toBe(200);
    expect(byId.json).toMatchObject({
      id: `${azure.sub}/providers/Microsoft.Authorization/roleDefinitions/${acrPull}`,
      name: acrPull,
      type: 'Microsoft.Authorization/roleDefinitions',
      properties: { roleName: 'AcrPull', type: 'BuiltInRole', permissions: [{ actions: ['Microsoft.ContainerRegistry/registries/pull/read'] }] },
    });
    const byName = await azure.arm('GET', `${azure.sub}/providers/Microsoft.Authorization/roleDefinitions?$filter=${encodeURIComponent("roleName eq 'AcrPull'")}`);
    expect(byName.json.value.map((role: { name: string }) => role.name)).toEqual([acrPull]);
    expect((await azure.arm('GET', `${azure.sub}/providers/Microsoft.Authorization/roleDefinitions/${randomUUID()}`)).status).toBe(404);
  });
});

describe('role assignments (2022-04-01)', () => {
  it("creates at the registry scope with the SDK's //subscriptions form, 201 and the ARM shape", async () => {
    const name = randomUUID();
    const created = await azure.arm('PUT', assignment(registryId, name), { body: acrPullBody(sitePrincipal) });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      id: `${registryId}/providers/Microsoft.Authorization/roleAssignments/${name}`,
      name,
      type: 'Microsoft.Authorization/roleAssignments',
      properties: { principalId: sitePrincipal, principalType: 'ServicePrincipal', scope: registryId, roleDefinitionId: `${azure.sub}/providers/Microsoft.Authorization/roleDefinitions/${acrPull}` },
    });
    const read = await azure.arm('GET', `${registryId}/providers/Microsoft.Authorization/roleAssignments/${name}`);
    expect(read.json.name).toBe(name);

    const rerun = await azure.arm('PUT', assignment(registryId, name), { body: acrPullBody(sitePrincipal) });
    expect(rerun.status).toBe(409);
    expect(rerun.json.error.code).toBe('RoleAssignmentExists');
    const duplicate = await azure.arm('PUT', assignment(registryId, randomUUID()), { body: acrPullBody(sitePrincipal) });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error).toEqual({ code: 'RoleAssignmentExists', message: 'The role assignment already exists.' });

    const filter = encodeURIComponent(`principalId eq '${sitePrincipal}'`);
    const listed = await azure.arm('GET', `${registryId}/providers/Microsoft.Authorization/roleAssignments?$filter=${filter}`);
    expect(listed.json.value.map((entry: { name: string }) => entry.name)).toEqual([name]);
    const atScope = await azure.arm('GET', `${registryId}/providers/Microsoft.Authorization/roleAssignments?$filter=atScope()`);
    expect(atScope.json.value.some((entry: { properties: { principalId: string } }) => entry.properties.principalId === azure.emulator.developerObjectId)).toBe(true);

    expect((await azure.arm('DELETE', assignment(registryId, name))).status).toBe(200);
    expect((await azure.arm('DELETE', assignment(registryId, name))).status).toBe(204);
    expect((await azure.arm('GET', assignment(registryId, name))).status).toBe(404);
  });

  it('validates the assignment id, the role, the principal and its type, and the scope', async () => {
    const notGuid = await azure.arm('PUT', assignment(registryId, 'not-a-guid'), { body: acrPullBody(sitePrincipal) });
    expect(notGuid.json.error.code).toBe('InvalidRoleAssignmentId');
    const body = acrPullBody(sitePrincipal);
    const badRole = await azure.arm('PUT', assignment(registryId, randomUUID()), {
      body: { properties: { ...body.properties, roleDefinitionId: `${azure.sub}/providers/Microsoft.Authorization/roleDefinitions/${randomUUID()}` } },
    });
    expect(badRole.status).toBe(400);
    expect(badRole.json.error.code).toBe('RoleDefinitionDoesNotExist');
    const stranger = await azure.arm('PUT', assignment(registryId, randomUUID()), { body: acrPullBody(randomUUID()) });
    expect(stranger.status).toBe(400);
    expect(stranger.json.error.code).toBe('PrincipalNotFound');
    const wrongType = await azure.arm('PUT', assignment(registryId, randomUUID()), { body: { properties: { ...body.properties, principalType: 'User' } } });
    expect(wrongType.json.error.code).toBe('UnmatchedPrincipalType');
    const noScope = await azure.arm('PUT', assignment(`${azure.sub}/resourceGroups/rg-rbac/providers/Microsoft.ContainerRegistry/registries/nothere`, randomUUID()), { body });
    expect(noScope.status).toBe(404);
    const changed = randomUUID();
    await azure.arm('PUT', assignment(registryId, changed), { body });
    const update = await azure.arm('PUT', assignment(registryId, changed), { body: acrPullBody(await newSitePrincipal()) });
    expect(update.json.error.code).toBe('RoleAssignmentUpdateNotPermitted');
  });

  it('answers PrincipalNotFound for a new identity during the replication window, then succeeds', async () => {
    azure.emulator.setFaults({ principalNotFoundMs: 400 });
    try {
      const principal = await newSitePrincipal();
      const name = randomUUID();
      const early = await azure.arm('PUT', assignment(registryId, name), { body: acrPullBody(principal) });
      expect(early.status).toBe(400);
      expect(early.json.error.code).toBe('PrincipalNotFound');
      expect(early.json.error.message).toContain('replication delay');
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect((await azure.arm('PUT', assignment(registryId, name), { body: acrPullBody(principal) })).status).toBe(201);
    } finally {
      azure.emulator.setFaults({});
    }
  });

  it("refuses ARM writes to a site's identity (no role on the subscription): 403 AuthorizationFailed", async () => {
    const token = await azure.token(sitePrincipal);
    const answer = await azure.arm('PUT', `${azure.sub}/resourcegroups/rg-sneaky`, { body: { location: 'westeurope' }, token });
    expect(answer.status).toBe(403);
    expect(answer.json.error.code).toBe('AuthorizationFailed');
    expect(answer.json.error.message).toContain("'Microsoft.Resources/subscriptions/resourceGroups/write'");
  });
});
