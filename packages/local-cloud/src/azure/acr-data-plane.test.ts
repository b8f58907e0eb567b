import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import tarStream from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDockerEngine } from '../docker-engine.ts';
import { followProgress } from '../docker-progress.ts';
import { TEST_LABELS } from '../testing/containers.ts';
import { decodeJwt } from './jwt.ts';
import { startTestAzure, type TestAzure } from './test-support.ts';
import { ensureRegistry } from '../registry.ts';

const user = '00000000-0000-0000-0000-000000000000';
let azure: TestAzure;
let docker: Docker;
let login: string;
let registryId: string;
let sitePrincipal: string;
const images: string[] = [];

async function exchange(token: string): Promise<Response> {
  const body = new URLSearchParams({ grant_type: 'access_token', service: login, tenant: azure.emulator.tenantId, access_token: token });
  return fetch(`https://${login}/oauth2/exchange`, { method: 'POST', body });
}

async function refreshTokenFor(principalId?: string): Promise<string> {
  const answer = await exchange(await azure.token(principalId));
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { refresh_token: string }).refresh_token;
}

async function accessFor(refreshToken: string, scope: string) {
  const body = new URLSearchParams({ grant_type: 'refresh_token', service: login, scope, refresh_token: refreshToken });
  const answer = await fetch(`https://${login}/oauth2/token`, { method: 'POST', body });
  expect(answer.status).toBe(200);
  const token = ((await answer.json()) as { access_token: string }).access_token;
  return { token, access: decodeJwt(token)?.access as { type: string; name: string; actions: string[] }[] };
}

/** A one-file image made with `docker import`: small enough to push and pull in a test. */
async function tinyImage(tag: string): Promise<void> {
  const pack = tarStream.pack();
  pack.entry({ name: 'hello.txt' }, `hello ${randomUUID()}\n`);
  pack.finalize();
  const [repo, version] = tag.split(/:(?=[^:/]+$)/) as [string, string];
  await followProgress(docker, await docker.importImage(pack, { repo, tag: version, changes: ['LABEL skylift.test=1', 'CMD ["/hello.txt"]'] }));
  images.push(tag);
}

beforeAll(async () => {
  docker = (await ensureDockerEngine()).docker;
  azure = await startTestAzure({ lro: 'sync', docker: async () => docker, registry: ensureRegistry, containerLabels: TEST_LABELS });
  await azure.arm('PUT', `${azure.sub}/resourcegroups/rg-acr`, { body: { location: 'westeurope' } });
  const registry = await azure.arm('PUT', `${azure.sub}/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/data${Date.now()}`, {
    body: { location: 'westeurope', sku: { name: 'Basic' } },
  });
  registryId = registry.json.id;
  login = registry.json.properties.loginServer;
  const web = `${azure.sub}/resourceGroups/rg-acr/providers/Microsoft.Web`;
  await azure.arm('PUT', `${web}/serverfarms/plan`, { body: { location: 'westeurope', kind: 'linux', sku: { name: 'B1' }, properties: { reserved: true } } });
  const site = await azure.arm('PUT', `${web}/sites/acr-reader-${Date.now()}`, {
    body: { location: 'westeurope', identity: { type: 'SystemAssigned' }, properties: { serverFarmId: `${web}/serverfarms/plan`, siteConfig: { linuxFxVersion: 'DOCKER|nothing/here:v0' } } },
  });
  sitePrincipal = site.json.identity.principalId;
});

afterAll(async () => {
  await azure?.close();
  for (const image of images) await docker.getImage(image).remove({ force: true }).catch(() => undefined);
});

describe('ACR token flow (Azure/acr AAD-OAuth)', () => {
  it('challenges anonymous calls with the Bearer realm and service of the login server', async () => {
    const answer = await fetch(`https://${login}/v2/`);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe(`Bearer realm="https://${login}/oauth2/token",service="${login}"`);
    expect(((await answer.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe('UNAUTHORIZED');
    const repo = await fetch(`https://${login}/v2/team/app/manifests/v1`);
    expect(repo.headers.get('www-authenticate')).toBe(`Bearer realm="https://${login}/oauth2/token",service="${login}",scope="repository:team/app:pull"`);
  });

  it('exchanges an Entra token for a refresh token and refuses anything it did not issue', async () => {
    const refresh = await refreshTokenFor();
    expect(decodeJwt(refresh)).toMatchObject({ sub: azure.emulator.developerObjectId, aud: login, grant_type: 'refresh_token' });
    const forged = await exchange('a.b.c');
    expect(forged.status).toBe(401);
    const otherTenant = new URLSearchParams({ grant_type: 'access_token', service: login, tenant: randomUUID(), access_token: await azure.token() });
    expect((await fetch(`https://${login}/oauth2/exchange`, { method: 'POST', body: otherTenant })).status).toBe(401);
  });

  it('grants the subscription Owner pull and push, by POST refresh grant and by GET with Basic', async () => {
    const refresh = await refreshTokenFor();
    const { token, access } = await accessFor(refresh, 'repository:team/app:pull,push');
    expect(access).toEqual([{ type: 'repository', name: 'team/app', actions: ['pull', 'push'] }]);
    const basic = Buffer.from(`${user}:${refresh}`).toString('base64');
    const viaGet = await fetch(`https://${login}/oauth2/token?service=${encodeURIComponent(login)}&scope=${encodeURIComponent('repository:team/app:pull')}`, {
      headers: { authorization: `Basic ${basic}` },
    });
    expect(viaGet.status).toBe(200);
    expect(decodeJwt(((await viaGet.json()) as { access_token: string }).access_token)?.access).toEqual([{ type: 'repository', name: 'team/app', actions: ['pull'] }]);
    const admin = Buffer.from(`admin:${refresh}`).toString('base64');
    expect((await fetch(`https://${login}/oauth2/token?service=${encodeURIComponent(login)}`, { headers: { authorization: `Basic ${admin}` } })).status).toBe(401);
    expect((await fetch(`https://${login}/v2/`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it("gives a site's identity nothing without AcrPull, then pull only once the assignment has propagated", async () => {
    azure.emulator.setFaults({ acrPullPropagationMs: 600 });
    try {
      const refresh = await refreshTokenFor(sitePrincipal);
      expect((await accessFor(refresh, 'repository:team/app:pull,push')).access).toEqual([{ type: 'repository', name: 'team/app', actions: [] }]);
      const assigned = await azure.arm('PUT', `/${registryId}/providers/Microsoft.Authorization/roleAssignments/${randomUUID()}`, {
        body: {
          properties: {
            roleDefinitionId: `${azure.sub}/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d`,
            principalId: sitePrincipal,
            principalType: 'ServicePrincipal',
          },
        },
      });
      expect(assigned.status).toBe(201);
      expect((await accessFor(refresh, 'repository:team/app:pull')).access[0]?.actions).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 650));
      expect((await accessFor(refresh, 'repository:team/app:pull,push')).access[0]?.actions).toEqual(['pull']);
    } finally {
      azure.emulator.setFaults({});
    }
  });
});

describe('ACR data plane through a real dockerd', () => {
  it('pushes and pulls with the refresh token (dockerd follows the realm over HTTPS), namespaced per registry', async () => {
    const tag = `${login}/tiny/app:${Date.now()}`;
    await tinyImage(tag);
    const developer = { username: user, password: await refreshTokenFor(), serveraddress: login };
    const pushed = await followProgress(docker, await docker.getImage(tag).push({ authconfig: developer }));
    expect(pushed.some((event) => event.aux?.Digest?.startsWith('sha256:'))).toBe(true);

    await docker.getImage(tag).remove({ force: true });
    await followProgress(docker, await docker.pull(tag, { authconfig: developer }));
    expect((await docker.getImage(tag).inspect()).Id).toMatch(/^sha256:/);

    const { token } = await accessFor(developer.password, 'registry:catalog:*');
    const catalog = (await (await fetch(`https://${login}/v2/_catalog`, { headers: { authorization: `Bearer ${token}` } })).json()) as { repositories: string[] };
    expect(catalog.repositories).toEqual(['tiny/app']);
    const tagsToken = (await accessFor(developer.password, 'repository:tiny/app:pull')).token;
    const tags = (await (await fetch(`https://${login}/v2/tiny/app/tags/list`, { headers: { authorization: `Bearer ${tagsToken}` } })).json()) as { name: string; tags: string[] };
    expect(tags).toEqual({ name: 'tiny/app', tags: [tag.split(':').pop()] });
  });

  it('refuses a push by an identity without rights, with the error inside the progress stream', async () => {
    const tag = `${login}/tiny/denied:${Date.now()}`;
    await tinyImage(tag);
    const stranger = { username: user, password: await refreshTokenFor(sitePrincipal), serveraddress: login };
    await expect(followProgress(docker, await docker.getImage(tag).push({ authconfig: stranger }))).rejects.toThrow(/denied|unauthorized|authentication required/i);
  });
});
