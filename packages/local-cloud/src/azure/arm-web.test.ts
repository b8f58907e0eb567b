import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollUntilDone, startTestAzure, type TestAzure } from './test-support.ts';

let sync: TestAzure;
let async: TestAzure;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6)}`;
const web = (azure: TestAzure, group = 'rg-web') => `${azure.sub}/resourceGroups/${group}/providers/Microsoft.Web`;
const planBody = { location: 'westeurope', kind: 'linux', sku: { name: 'B1', tier: 'Basic' }, properties: { reserved: true } };

function siteBody(azure: TestAzure, plan: string) {
  return {
    location: 'westeurope',
    kind: 'app,linux,container',
    identity: { type: 'SystemAssigned' },
    properties: {
      serverFarmId: `${web(azure)}/serverfarms/${plan}`,
      httpsOnly: true,
      siteConfig: {
        linuxFxVersion: 'DOCKER|127.0.0.1:1/sample/api:v1',
        acrUseManagedIdentityCreds: true,
        healthCheckPath: '/health',
        appSettings: [
          { name: 'WEBSITES_PORT', value: '3000' },
          { name: 'GREETING', value: 'hello' },
        ],
      },
    },
  };
}

beforeAll(async () => {
  [sync, async] = await Promise.all([startTestAzure({ lro: 'sync' }), startTestAzure({ lro: 'async', asyncDurationMs: 1500 })]);
  for (const azure of [sync, async]) {
    await azure.arm('PUT', `${azure.sub}/resourcegroups/rg-web`, { body: { location: 'westeurope' } });
    await azure.arm('PUT', `${azure.sub}/resourcegroups/rg-web2`, { body: { location: 'westeurope' } });
    await azure.arm('PUT', `${web(azure)}/serverfarms/plan`, { body: planBody });
  }
});
afterAll(() => Promise.all([sync.close(), async.close()]));

describe('App Service plans (Microsoft.Web 2025-05-01)', () => {
  it('creates a Linux plan (200 sync / 202 async + both poll headers) and reads it back', async () => {
    const name = unique('plan');
    const created = await sync.arm('PUT', `${web(sync)}/serverfarms/${name}`, { body: planBody });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ type: 'Microsoft.Web/serverfarms', kind: 'linux', sku: { name: 'B1', tier: 'Basic' }, properties: { reserved: true } });
    const started = await async.arm('PUT', `${web(async)}/serverfarms/${name}`, { body: planBody });
    expect(started.status).toBe(202);
    expect(started.headers.get('azure-asyncoperation')).toMatch(/^https:\/\/.*\/providers\/Microsoft\.Web\/locations\/westeurope\/operationStatuses\//);
    const location = started.headers.get('location') as string;
    expect(location).toMatch(/^https:\/\/.*\/operationResults\//);
    const polls = await pollUntilDone(async, location, 'location');
    expect(polls.at(-1)?.status).toBe(200);
    expect(polls.at(-1)?.json.id).toBe(started.json.id);
    expect((await async.arm('GET', `${web(async)}/serverfarms/${name}`)).json.properties.provisioningState).toBe('Succeeded');
  });

  it('refuses an unknown tier and deleting a plan that still has sites', async () => {
    const bad = await sync.arm('PUT', `${web(sync)}/serverfarms/${unique('plan')}`, { body: { ...planBody, sku: { name: 'Z9' } } });
    expect(bad.status).toBe(400);
    const name = unique('site');
    await sync.arm('PUT', `${web(sync)}/sites/${name}`, { body: siteBody(sync, 'plan') });
    const busy = await sync.arm('DELETE', `${web(sync)}/serverfarms/plan`);
    expect(busy.status).toBe(409);
    await sync.arm('DELETE', `${web(sync)}/sites/${name}`);
  });
});

describe('sites', () => {
  it('creates a Web App for Containers with a system identity and a loopback HTTPS defaultHostName', async () => {
    const name = unique('app');
    const answer = await sync.arm('PUT', `${web(sync)}/sites/${name}`, { body: siteBody(sync, 'plan') });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      name,
      type: 'Microsoft.Web/sites',
      kind: 'app,linux,container',
      identity: { type: 'SystemAssigned', tenantId: sync.emulator.tenantId },
      properties: {
        state: 'Running',
        httpsOnly: true,
        serverFarmId: `${web(sync)}/serverfarms/plan`,
        siteConfig: { linuxFxVersion: 'DOCKER|127.0.0.1:1/sample/api:v1', acrUseManagedIdentityCreds: true, healthCheckPath: '/health', appSettings: null },
      },
    });
    expect(answer.json.identity.principalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.json.properties.defaultHostName).toMatch(/^127\.0\.0\.1:\d+$/);
    const read = await sync.arm('GET', `${web(sync)}/sites/${name}`);
    expect(read.json.identity.principalId).toBe(answer.json.identity.principalId);
    expect(read.json.properties.siteConfig.appSettings).toBeNull();
  });

  it('creates asynchronously with 202 + Azure-AsyncOperation and the final GET has the site', async () => {
    const name = unique('app');
    const answer = await async.arm('PUT', `${web(async)}/sites/${name}`, { body: siteBody(async, 'plan') });
    expect(answer.status).toBe(202);
    const monitor = answer.headers.get('azure-asyncoperation') as string;
    const polls = await pollUntilDone(async, monitor, 'status');
    expect(polls.at(-1)?.json.status).toBe('Succeeded');
    const read = await async.arm('GET', `${web(async)}/sites/${name}`);
    expect(read.status).toBe(200);
    expect(read.json.properties.defaultHostName).toBe(answer.json.properties.defaultHostName);
  });

  it('keeps site names globally unique and checks the name rule', async () => {
    const name = unique('app');
    await sync.arm('PUT', `${web(sync)}/sites/${name}`, { body: siteBody(sync, 'plan') });
    const elsewhere = await sync.arm('PUT', `${web(sync, 'rg-web2')}/sites/${name}`, { body: siteBody(sync, 'plan') });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.json.error).toEqual({ code: 'Conflict', message: `Website with given name ${name} already exists.` });
    for (const bad of ['a', '-leading', 'trailing-', 'under_score', 'x'.repeat(61)]) {
      const answer = await sync.arm('PUT', `${web(sync)}/sites/${bad}`, { body: siteBody(sync, 'plan') });
      expect(answer.status, bad).toBe(400);
    }
  });

  it('needs an existing Linux plan for a container', async () => {
    const missing = await sync.arm('PUT', `${web(sync)}/sites/${unique('app')}`, { body: siteBody(sync, 'no-such-plan') });
    expect(missing.status).toBe(404);
    expect(missing.json.error.message).toBe('Cannot find ServerFarm with name no-such-plan.');
    await sync.arm('PUT', `${web(sync)}/serverfarms/windows`, { body: { ...planBody, kind: 'app', properties: {} } });
    const windows = await sync.arm('PUT', `${web(sync)}/sites/${unique('app')}`, { body: siteBody(sync, 'windows') });
    expect(windows.status).toBe(400);
    expect(windows.json.error.message).toContain('reserved: true');
  });

  it('replaces app settings with PUT config/appsettings and lists them with POST .../list', async () => {
    const name = unique('app');
    const site = `${web(sync)}/sites/${name}`;
    await sync.arm('PUT', site, { body: siteBody(sync, 'plan') });
    const listed = await sync.arm('POST', `${site}/config/appsettings/list`);
    expect(listed.json).toMatchObject({ name: 'appsettings', type: 'Microsoft.Web/sites/config', properties: { WEBSITES_PORT: '3000', GREETING: 'hello' } });
    const replaced = await sync.arm('PUT', `${site}/config/appsettings`, { body: { properties: { WEBSITES_PORT: '8080' } } });
    expect(replaced.status).toBe(200);
    expect(replaced.json.properties).toEqual({ WEBSITES_PORT: '8080' });
    expect((await sync.arm('POST', `${site}/config/appsettings/list`)).json.properties).toEqual({ WEBSITES_PORT: '8080' });
  });

  it('swaps the image with PATCH config/web, restarts, and explains a failed start in containerlogs', async () => {
    const name = unique('app');
    const site = `${web(sync)}/sites/${name}`;
    await sync.arm('PUT', site, { body: siteBody(sync, 'plan') });
    const patched = await sync.arm('PATCH', `${site}/config/web`, { body: { properties: { linuxFxVersion: 'DOCKER|127.0.0.1:1/sample/api:v2' } } });
    expect(patched.status).toBe(200);
    expect(patched.json.properties.linuxFxVersion).toBe('DOCKER|127.0.0.1:1/sample/api:v2');
    expect((await sync.arm('GET', `${site}/config/web`)).json.properties.linuxFxVersion).toBe('DOCKER|127.0.0.1:1/sample/api:v2');
    const restarted = await sync.arm('POST', `${site}/restart`);
    expect(restarted.status).toBe(200);
    expect(restarted.text).toBe('');
    let logs = await sync.arm('POST', `${site}/containerlogs`);
    for (let attempt = 0; attempt < 50 && !logs.text.includes('without a Docker Engine'); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      logs = await sync.arm('POST', `${site}/containerlogs`);
    }
    expect(logs.status).toBe(200);
    expect(logs.headers.get('content-type')).toBe('application/octet-stream');
    expect(logs.text).toContain('without a Docker Engine');
  });

  it('lists sites, deletes with 200 then 204, and the GET is 404 afterwards', async () => {
    const name = unique('app');
    const site = `${web(sync)}/sites/${name}`;
    await sync.arm('PUT', site, { body: siteBody(sync, 'plan') });
    expect((await sync.arm('GET', `${web(sync)}/sites`)).json.value.map((entry: { name: string }) => entry.name)).toContain(name);
    expect((await sync.arm('GET', `${sync.sub}/providers/Microsoft.Web/sites`)).json.value.length).toBeGreaterThan(0);
    expect((await sync.arm('DELETE', site)).status).toBe(200);
    expect((await sync.arm('DELETE', site)).status).toBe(204);
    const plan = unique('plan');
    await sync.arm('PUT', `${web(sync)}/serverfarms/${plan}`, { body: planBody });
    const lonely = `${web(sync)}/sites/${unique('app')}`;
    await sync.arm('PUT', lonely, { body: siteBody(sync, plan) });
    expect((await sync.arm('DELETE', `${lonely}?deleteEmptyServerFarm=true`)).status).toBe(200);
    expect((await sync.arm('GET', `${web(sync)}/serverfarms/${plan}`)).status).toBe(404);
    const gone = await sync.arm('GET', site);
    expect(gone.status).toBe(404);
    expect(gone.json.error.code).toBe('ResourceNotFound');
  });
});
