import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlHeader } from './arm/arm-server.ts';
import { startTestAzure, type TestAzure } from './test-support.ts';

let azure: TestAzure;
beforeAll(async () => {
  azure = await startTestAzure({ lro: 'sync' });
});
afterAll(() => azure.close());

describe('fault injection', () => {
  it('throttles with 429 SubscriptionRequestsThrottled and Retry-After, then lets requests through', async () => {
    azure.emulator.setFaults({ arm: [{ status: 429, times: 2, method: 'PUT', pathContains: 'resourcegroups/rg-throttled', retryAfterSeconds: 3 }] });
    const path = `${azure.sub}/resourcegroups/rg-throttled`;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const throttled = await azure.arm('PUT', path, { body: { location: 'westeurope' } });
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('3');
      expect(throttled.json.error.code).toBe('SubscriptionRequestsThrottled');
      expect(throttled.json.error.message).toContain("Number of 'write' requests for subscription");
    }
    expect((await azure.arm('PUT', path, { body: { location: 'westeurope' } })).status).toBe(201);
  });

  it('fails with 500 InternalServerError as many times as asked', async () => {
    azure.emulator.setFaults({ arm: [{ status: 500, times: 1, method: 'GET' }] });
    const failed = await azure.arm('GET', azure.sub);
    expect(failed.status).toBe(500);
    expect(failed.json.error.code).toBe('InternalServerError');
    expect((await azure.arm('GET', azure.sub)).status).toBe(200);
  });

  it('has a control endpoint guarded by the identity header', async () => {
    const url = `${azure.emulator.armEndpoint}/_emulator/faults`;
    const refused = await fetch(url, { method: 'PUT', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(refused.status).toBe(403);
    const body = { arm: [{ status: 503, times: 1, pathContains: '/resourcegroups/rg-controlled' }], acrPullPropagationMs: 5000 };
    const set = await fetch(url, { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json', [controlHeader]: azure.emulator.identityHeader } });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject(body);
    expect((await azure.arm('GET', `${azure.sub}/resourcegroups/rg-controlled`)).status).toBe(503);
    azure.emulator.setFaults({});
  });
});

describe('persistence', () => {
  it('keeps subscription, resources, role assignments, ports and tokens across a restart', async () => {
    const restartable = await startTestAzure({ lro: 'sync' });
    let reopened: TestAzure | undefined;
    try {
      const token = await restartable.token();
      const name = `persist${Date.now()}`;
      await restartable.arm('PUT', `${restartable.sub}/resourcegroups/rg-keep`, { body: { location: 'westeurope', tags: { 'managed-by': 'skylift' } } });
      const registry = await restartable.arm('PUT', `${restartable.sub}/resourceGroups/rg-keep/providers/Microsoft.ContainerRegistry/registries/${name}`, {
        body: { location: 'westeurope', sku: { name: 'Basic' } },
      });
      reopened = await restartable.restart();
      expect(reopened.emulator.subscriptionId).toBe(restartable.emulator.subscriptionId);
      expect(reopened.emulator.armEndpoint).toBe(restartable.emulator.armEndpoint);
      const group = await reopened.arm('GET', `${reopened.sub}/resourcegroups/rg-keep`, { token });
      expect(group.status).toBe(200);
      expect(group.json.tags).toEqual({ 'managed-by': 'skylift' });
      const read = await reopened.arm('GET', registry.json.id, { token });
      expect(read.json.properties.loginServer).toBe(registry.json.properties.loginServer);
      expect((await fetch(`https://${read.json.properties.loginServer}/v2/`)).status).toBe(401);
      const owner = await reopened.arm('GET', `${reopened.sub}/providers/Microsoft.Authorization/roleAssignments?$filter=atScope()`, { token });
      expect(owner.json.value).toHaveLength(1);
    } finally {
      await (reopened ?? restartable).close();
    }
  });

  it('moves a login server whose port was taken while the emulator was down, and ARM answers the new one', async () => {
    const first = await startTestAzure({ lro: 'sync' });
    let reopened: TestAzure | undefined;
    const squatter = createServer();
    try {
      await first.arm('PUT', `${first.sub}/resourcegroups/rg-move`, { body: { location: 'westeurope' } });
      const created = await first.arm('PUT', `${first.sub}/resourceGroups/rg-move/providers/Microsoft.ContainerRegistry/registries/move${Date.now()}`, {
        body: { location: 'westeurope', sku: { name: 'Basic' } },
      });
      const before = created.json.properties.loginServer as string;
      await first.emulator.close();
      await new Promise<void>((resolve) => squatter.listen(Number(before.split(':')[1]), '127.0.0.1', resolve));
      reopened = await startTestAzure({ lro: 'sync' }, first.stateDir);
      const after = (await reopened.arm('GET', created.json.id)).json.properties.loginServer as string;
      expect(after).not.toBe(before);
      expect((await fetch(`https://${after}/v2/`)).status).toBe(401);
    } finally {
      squatter.close();
      await reopened?.close();
    }
  });
});
