import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollUntilDone, startTestAzure, type TestAzure } from './test-support.ts';

let azure: TestAzure;
beforeAll(async () => {
  azure = await startTestAzure({ lro: 'sync', asyncDurationMs: 1500 });
});
afterAll(() => azure.close());

const group = (name: string) => `${azure.sub}/resourcegroups/${name}`;

describe('resource groups (Microsoft.Resources 2025-04-01)', () => {
  it('creates with 201, updates with 200, keeps tags and answers the ARM shape', async () => {
    const created = await azure.arm('PUT', group('rg-one'), { body: { location: 'West Europe', tags: { 'managed-by': 'skylift', 'skylift-project': 'demo' } } });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      id: `${azure.sub}/resourceGroups/rg-one`,
      name: 'rg-one',
      type: 'Microsoft.Resources/resourceGroups',
      location: 'westeurope',
      tags: { 'managed-by': 'skylift', 'skylift-project': 'demo' },
      properties: { provisioningState: 'Succeeded' },
    });
    const updated = await azure.arm('PUT', group('RG-ONE'), { body: { location: 'westeurope', tags: { 'managed-by': 'skylift' } } });
    expect(updated.status).toBe(200);
    expect(updated.json.name).toBe('rg-one');
    expect(updated.json.tags).toEqual({ 'managed-by': 'skylift' });
    const read = await azure.arm('GET', `${azure.sub}/resourceGroups/rg-one`);
    expect(read.status).toBe(200);
    expect(read.json.tags).toEqual({ 'managed-by': 'skylift' });
  });

  it('answers HEAD with 204 or 404 and no body', async () => {
    await azure.arm('PUT', group('rg-head'), { body: { location: 'eastus' } });
    const present = await azure.arm('HEAD', group('rg-head'));
    expect(present.status).toBe(204);
    expect(present.text).toBe('');
    expect((await azure.arm('HEAD', group('rg-missing'))).status).toBe(404);
  });

  it('answers 404 ResourceGroupNotFound for a group that does not exist', async () => {
    const answer = await azure.arm('GET', group('rg-missing'));
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ error: { code: 'ResourceGroupNotFound', message: "Resource group 'rg-missing' could not be found." } });
  });

  it('rejects bad names, bad locations, a moved location and a body without location', async () => {
    const badName = await azure.arm('PUT', group('bad$name'), { body: { location: 'westeurope' } });
    expect(badName.status).toBe(400);
    expect(badName.json.error.code).toBe('InvalidResourceGroup');
    expect(badName.json.error.message).toContain("has these invalid characters: '$'");
    const endsWithDot = await azure.arm('PUT', group('name.'), { body: { location: 'westeurope' } });
    expect(endsWithDot.json.error.code).toBe('InvalidResourceGroup');
    const noLocation = await azure.arm('PUT', group('rg-noloc'), { body: { tags: {} } });
    expect(noLocation.status).toBe(400);
    expect(noLocation.json.error.code).toBe('LocationRequired');
    const badLocation = await azure.arm('PUT', group('rg-badloc'), { body: { location: 'moon' } });
    expect(badLocation.status).toBe(400);
    expect(badLocation.json.error.code).toBe('LocationNotAvailableForResourceGroup');
    await azure.arm('PUT', group('rg-fixed'), { body: { location: 'westeurope' } });
    const moved = await azure.arm('PUT', group('rg-fixed'), { body: { location: 'eastus' } });
    expect(moved.status).toBe(409);
    expect(moved.json.error.code).toBe('InvalidResourceGroupLocation');
    const notJson = await fetch(`${azure.emulator.armEndpoint}${group('rg-json')}?api-version=2025-04-01`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${await azure.token()}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe('InvalidRequestContent');
  });

  it('lists groups and filters them by tag', async () => {
    await azure.arm('PUT', group('rg-tagged'), { body: { location: 'westeurope', tags: { 'skylift-project': 'listed' } } });
    const all = await azure.arm('GET', `${azure.sub}/resourcegroups`);
    expect(all.json.value.map((entry: { name: string }) => entry.name)).toContain('rg-tagged');
    const filter = encodeURIComponent("tagName eq 'skylift-project' and tagValue eq 'listed'");
    const filtered = await azure.arm('GET', `${azure.sub}/resourcegroups?$filter=${filter}`);
    expect(filtered.json.value.map((entry: { name: string }) => entry.name)).toEqual(['rg-tagged']);
  });

  it('deletes asynchronously: 202 + absolute https Location, 202 while deleting, then 200, and the group is gone', async () => {
    await azure.arm('PUT', group('rg-delete'), { body: { location: 'westeurope' } });
    const registry = await azure.arm('PUT', `${azure.sub}/resourceGroups/rg-delete/providers/Microsoft.ContainerRegistry/registries/cascade${Date.now()}`, {
      body: { location: 'westeurope', sku: { name: 'Basic' }, properties: { adminUserEnabled: false } },
    });
    expect(registry.status).toBe(200);
    const deleted = await azure.arm('DELETE', group('rg-delete'));
    expect(deleted.status).toBe(202);
    const location = deleted.headers.get('location') as string;
    expect(location).toMatch(new RegExp(`^https://127\\.0\\.0\\.1:\\d+/subscriptions/${azure.emulator.subscriptionId}/operationresults/[0-9a-f-]+\\?api-version=2025-04-01$`));
    expect(deleted.headers.get('retry-after')).toBe('0');
    const during = await azure.arm('GET', group('rg-delete'));
    expect(during.json.properties.provisioningState).toBe('Deleting');
    const polls = await pollUntilDone(azure, location, 'location');
    expect(polls[0]?.status).toBe(202);
    expect(polls.at(-1)?.status).toBe(200);
    expect((await azure.arm('GET', group('rg-delete'))).status).toBe(404);
    const inside = await azure.arm('GET', `${azure.sub}/providers/Microsoft.ContainerRegistry/registries`);
    expect(inside.json.value.filter((entry: { id: string }) => entry.id.includes('/rg-delete/'))).toEqual([]);
    const again = await azure.arm('DELETE', group('rg-delete'));
    expect(again.status).toBe(404);
    expect(again.json.error.code).toBe('ResourceGroupNotFound');
  });
});
