import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollUntilDone, startTestAzure, type TestAzure } from './test-support.ts';

let sync: TestAzure;
let async: TestAzure;
const unique = () => `reg${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
const registryBody = { location: 'westeurope', sku: { name: 'Basic' }, properties: { adminUserEnabled: false } };
const registries = (azure: TestAzure, group: string) => `${azure.sub}/resourceGroups/${group}/providers/Microsoft.ContainerRegistry/registries`;

beforeAll(async () => {
  [sync, async] = await Promise.all([startTestAzure({ lro: 'sync' }), startTestAzure({ lro: 'async', asyncDurationMs: 1500 })]);
  for (const azure of [sync, async]) {
    await azure.arm('PUT', `${azure.sub}/resourcegroups/rg-acr`, { body: { location: 'westeurope' } });
    await azure.arm('PUT', `${azure.sub}/resourcegroups/rg-other`, { body: { location: 'westeurope' } });
  }
});
afterAll(() => Promise.all([sync.close(), async.close()]));

describe('ACR checkNameAvailability (2025-11-01)', () => {
  const check = (azure: TestAzure, name: string, type = 'Microsoft.ContainerRegistry/registries') =>
    azure.arm('POST', `${azure.sub}/providers/Microsoft.ContainerRegistry/checkNameAvailability`, { body: { name, type } });

  it('says available, invalid, or already taken', async () => {
    const name = unique();
    expect((await check(sync, name)).json).toEqual({ nameAvailable: true });
    const invalid = await check(sync, 'ab-c');
    expect(invalid.status).toBe(200);
    expect(invalid.json).toMatchObject({ nameAvailable: false, reason: 'Invalid' });
    await sync.arm('PUT', `${registries(sync, 'rg-acr')}/${name}`, { body: registryBody });
    const taken = await check(sync, name.toUpperCase());
    expect(taken.json).toMatchObject({ nameAvailable: false, reason: 'AlreadyExists' });
    expect(taken.json.message).toContain('is already in use');
  });

  it('rejects another resource type', async () => {
    const answer = await check(sync, unique(), 'Microsoft.Web/sites');
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('InvalidResourceType');
  });
});

describe('registries', () => {
  it('creates synchronously with 200 and provisioningState Succeeded, and a loopback HTTPS login server', async () => {
    const name = unique();
    const answer = await sync.arm('PUT', `${registries(sync, 'rg-acr')}/${name}`, { body: registryBody });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('azure-asyncoperation')).toBeNull();
    expect(answer.json).toMatchObject({
      id: `${sync.sub}/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/${name}`,
      name,
      type: 'Microsoft.ContainerRegistry/registries',
      location: 'westeurope',
      sku: { name: 'Basic', tier: 'Basic' },
      properties: { provisioningState: 'Succeeded', adminUserEnabled: false },
    });
    expect(answer.json.properties.loginServer).toMatch(/^127\.0\.0\.1:\d+$/);
    const challenge = await fetch(`https://${answer.json.properties.loginServer}/v2/`);
    expect(challenge.status).toBe(401);
  });

  it('creates asynchronously with 201 + Azure-AsyncOperation (https) + Retry-After, InProgress then Succeeded', async () => {
    const name = unique();
    const answer = await async.arm('PUT', `${registries(async, 'rg-acr')}/${name}`, { body: registryBody });
    expect(answer.status).toBe(201);
    expect(answer.json.properties.provisioningState).toBe('Creating');
    const monitor = answer.headers.get('azure-asyncoperation') as string;
    expect(monitor).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/subscriptions\/[^/]+\/providers\/Microsoft\.ContainerRegistry\/locations\/westeurope\/operationStatuses\/[0-9a-f-]+\?api-version=2025-11-01$/);
    expect(answer.headers.get('retry-after')).toBe('0');
    const polls = await pollUntilDone(async, monitor, 'status');
    expect(polls[0]?.json.status).toBe('InProgress');
    expect(polls.at(-1)?.json).toMatchObject({ status: 'Succeeded' });
    const read = await async.arm('GET', `${registries(async, 'rg-acr')}/${name}`);
    expect(read.json.properties.provisioningState).toBe('Succeeded');
  });

  it('keeps names globally unique (409), checks the name rule (400) and the SKU', async () => {
    const name = unique();
    await sync.arm('PUT', `${registries(sync, 'rg-acr')}/${name}`, { body: registryBody });
    const again = await sync.arm('PUT', `${registries(sync, 'rg-acr')}/${name}`, { body: { ...registryBody, tags: { a: 'b' } } });
    expect(again.status).toBe(200);
    expect(again.json.tags).toEqual({ a: 'b' });
    const elsewhere = await sync.arm('PUT', `${registries(sync, 'rg-other')}/${name}`, { body: registryBody });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.json.error.code).toBe('AlreadyInUse');
    for (const bad of ['abcd', 'has-hyphen', 'x'.repeat(51)]) {
      const answer = await sync.arm('PUT', `${registries(sync, 'rg-acr')}/${bad}`, { body: registryBody });
      expect(answer.status).toBe(400);
      expect(answer.json.error.message).toContain('between 5 and 50 characters');
    }
    const sku = await sync.arm('PUT', `${registries(sync, 'rg-acr')}/${unique()}`, { body: { ...registryBody, sku: { name: 'Gold' } } });
    expect(sku.status).toBe(400);
  });

  it('answers 404 ResourceNotFound / ResourceGroupNotFound the ARM way', async () => {
    const missing = await sync.arm('GET', `${registries(sync, 'rg-acr')}/nosuchregistry`);
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('ResourceNotFound');
    expect(missing.json.error.message).toBe(
      "The Resource 'Microsoft.ContainerRegistry/registries/nosuchregistry' under resource group 'rg-acr' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
    );
    const noGroup = await sync.arm('PUT', `${registries(sync, 'rg-nope')}/${unique()}`, { body: registryBody });
    expect(noGroup.status).toBe(404);
    expect(noGroup.json.error.code).toBe('ResourceGroupNotFound');
  });

  it('lists by group and by subscription', async () => {
    const name = unique();
    await sync.arm('PUT', `${registries(sync, 'rg-other')}/${name}`, { body: registryBody });
    const byGroup = await sync.arm('GET', registries(sync, 'rg-other'));
    expect(byGroup.json.value.map((entry: { name: string }) => entry.name)).toContain(name);
    const bySubscription = await sync.arm('GET', `${sync.sub}/providers/Microsoft.ContainerRegistry/registries`);
    expect(bySubscription.json.value.length).toBeGreaterThanOrEqual(byGroup.json.value.length);
  });

  it('deletes synchronously (200, then 204 when already gone) and closes the login server', async () => {
    const name = unique();
    const created = await sync.arm('PUT', `${registries(sync, 'rg-acr')}/${name}`, { body: registryBody });
    const deleted = await sync.arm('DELETE', `${registries(sync, 'rg-acr')}/${name}`);
    expect(deleted.status).toBe(200);
    expect((await sync.arm('DELETE', `${registries(sync, 'rg-acr')}/${name}`)).status).toBe(204);
    await expect(fetch(`https://${created.json.properties.loginServer}/v2/`)).rejects.toThrow();
  });

  it('deletes asynchronously with 202 + Location, 202 while running, then 204', async () => {
    const name = unique();
    await async.arm('PUT', `${registries(async, 'rg-acr')}/${name}`, { body: registryBody });
    const deleted = await async.arm('DELETE', `${registries(async, 'rg-acr')}/${name}`);
    expect(deleted.status).toBe(202);
    const location = deleted.headers.get('location') as string;
    expect(location).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/.*\/operationResults\/[0-9a-f-]+\?api-version=2025-11-01$/);
    const polls = await pollUntilDone(async, location, 'location');
    expect(polls.at(-1)?.status).toBe(204);
    expect((await async.arm('GET', `${registries(async, 'rg-acr')}/${name}`)).status).toBe(404);
  });
});
