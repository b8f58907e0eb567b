import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDockerEngine } from '../docker-engine.ts';
import { followProgress } from '../docker-progress.ts';
import { ensureNodeBaseImage } from '../node-base-image.ts';
import { ensureRegistry } from '../registry.ts';
import { buildDirectory } from '../testing/build.ts';
import { TEST_LABELS } from '../testing/containers.ts';
import type { EmulatorState } from './state.ts';
import { startTestAzure, type TestAzure } from './test-support.ts';

const echoServer = `
const http = require('http');
http.createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ url: req.url, headers: req.headers, greeting: process.env.GREETING || null, websitesPort: process.env.WEBSITES_PORT || null, siteName: process.env.WEBSITE_SITE_NAME || null }));
}).listen(3000, () => console.log('echo server listening on 3000'));
`;

let azure: TestAzure;
let docker: Docker;
let login: string;
let registryId: string;
let image: string;
const localTag = `skylift-test/azure-echo:${Date.now()}`;
const web = () => `${azure.sub}/resourceGroups/rg-run/providers/Microsoft.Web`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** Creates the site, or replaces its spec (a PUT carries the whole site); `extra` goes into siteConfig. */
async function putSite(name: string, settings: Record<string, string>, extra: Record<string, unknown> = {}, siteImage = image) {
  const answer = await azure.arm('PUT', `${web()}/sites/${name}`, {
    body: {
      location: 'westeurope',
      kind: 'app,linux,container',
      identity: { type: 'SystemAssigned' },
      properties: {
        serverFarmId: `${web()}/serverfarms/plan`,
        httpsOnly: true,
        siteConfig: {
          linuxFxVersion: `DOCKER|${siteImage}`,
          acrUseManagedIdentityCreds: true,
          appSettings: Object.entries(settings).map(([settingName, value]) => ({ name: settingName, value })),
          ...extra,
        },
      },
    },
  });
  expect(answer.status).toBe(200);
  return answer.json as { id: string; name: string; identity: { principalId: string }; properties: { defaultHostName: string } };
}

async function developerAuth() {
  const exchange = await fetch(`https://${login}/oauth2/exchange`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'access_token', service: login, access_token: await azure.token() }),
  });
  const { refresh_token: password } = (await exchange.json()) as { refresh_token: string };
  return { username: '00000000-0000-0000-0000-000000000000', password, serveraddress: login };
}

async function grantAcrPull(principalId: string) {
  const answer = await azure.arm('PUT', `/${registryId}/providers/Microsoft.Authorization/roleAssignments/${randomUUID()}`, {
    body: {
      properties: {
        roleDefinitionId: `${azure.sub}/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d`,
        principalId,
        principalType: 'ServicePrincipal',
      },
    },
  });
  expect(answer.status).toBe(201);
}

const logsOf = async (name: string) => (await azure.arm('POST', `${web()}/sites/${name}/containerlogs`)).text;

beforeAll(async () => {
  docker = (await ensureDockerEngine()).docker;
  const { image: baseImage } = await ensureNodeBaseImage(docker);
  const context = await mkdtemp(join(tmpdir(), 'skylift-echo-'));
  await writeFile(join(context, 'server.js'), echoServer);
  await writeFile(join(context, 'Dockerfile'), 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY server.js /app/server.js\nCMD ["node", "/app/server.js"]\n');
  await buildDirectory(docker, { directory: context, tag: localTag, buildArgs: { BASE_IMAGE: baseImage }, labels: TEST_LABELS });
  await rm(context, { recursive: true, force: true });

  azure = await startTestAzure({ lro: 'sync', docker: async () => docker, registry: ensureRegistry, containerLabels: TEST_LABELS, siteRetryIntervalMs: 60_000, warmupIntervalMs: 200 });
  await azure.arm('PUT', `${azure.sub}/resourcegroups/rg-run`, { body: { location: 'westeurope' } });
  const registry = await azure.arm('PUT', `${azure.sub}/resourceGroups/rg-run/providers/Microsoft.ContainerRegistry/registries/run${Date.now()}`, {
    body: { location: 'westeurope', sku: { name: 'Basic' } },
  });
  registryId = registry.json.id;
  login = registry.json.properties.loginServer;
  image = `${login}/echo/app:v1`;
  await docker.getImage(localTag).tag({ repo: `${login}/echo/app`, tag: 'v1' });
  const exchange = await fetch(`https://${login}/oauth2/exchange`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'access_token', service: login, access_token: await azure.token() }),
  });
  const { refresh_token: password } = (await exchange.json()) as { refresh_token: string };
  await followProgress(docker, await docker.getImage(image).push({ authconfig: { username: '00000000-0000-0000-0000-000000000000', password, serveraddress: login } }));
  await docker.getImage(image).remove();
  await azure.arm('PUT', `${web()}/serverfarms/plan`, { body: { location: 'westeurope', kind: 'linux', sku: { name: 'B1' }, properties: { reserved: true } } });
}, 300_000);

afterAll(async () => {
  await azure?.close();
  for (const tag of [localTag, image, `${login}/echo/app:v2`]) await docker?.getImage(tag).remove({ force: true }).catch(() => undefined);
});

describe('App Service runtime', () => {
  it('pulls as the site identity: 503 and an explaining log without AcrPull, live over HTTPS once granted', async () => {
    const site = await putSite(`echo-${Date.now()}`, { WEBSITES_PORT: '3000', GREETING: 'hello', WEBSITES_CONTAINER_START_TIME_LIMIT: '30' });
    const host = site.properties.defaultHostName;
    const denied = await until('the pull to fail', async () => ((await logsOf(site.name)).includes('Image pull failed') ? true : undefined));
    expect(denied).toBe(true);
    const logs = await logsOf(site.name);
    expect(logs).toContain(`Pulling image: ${image}`);
    expect(logs).toMatch(/Pulling docker image .* failed: .*(unauthorized|denied|authentication required)/i);
    expect((await fetch(`https://${host}/`)).status).toBe(503);

    await grantAcrPull(site.identity.principalId);
    expect((await azure.arm('POST', `${web()}/sites/${site.name}/restart`)).status).toBe(200);

    const live = await until('the site to answer 200', async () => {
      const response = await fetch(`https://${host}/hello?x=1`);
      return response.status === 200 ? response : undefined;
    });
    const body = (await live.json()) as { url: string; headers: Record<string, string>; greeting: string; websitesPort: string | null; siteName: string };
    expect(body.url).toBe('/hello?x=1');
    expect(body.greeting).toBe('hello');
    expect(body.websitesPort).toBe('3000');
    expect(body.siteName).toBe(site.name);
    expect(body.headers['x-forwarded-proto']).toBe('https');
    expect(body.headers['x-forwarded-for']).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(body.headers['x-original-url']).toBe('/hello?x=1');
    expect(body.headers['x-arr-ssl']).toMatch(/^2048\|256\|CN=.*\|CN=/);
    expect(body.headers['x-arr-log-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(live.headers.get('set-cookie')).toContain('ARRAffinity=');
    expect(await logsOf(site.name)).toContain('initialized successfully and is ready to serve requests');
    expect(await logsOf(site.name)).toContain('echo server listening on 3000');

    const state = JSON.parse(await readFile(join(azure.stateDir, 'state.json'), 'utf8')) as EmulatorState;
    const httpPort = state.ports[`site:${site.id.toLowerCase()}:http`];
    const redirect = await new Promise<{ status?: number; location?: string }>((resolve, reject) => {
      request({ host: '127.0.0.1', port: httpPort, path: '/plain?y=2' }, (response) => {
        response.resume();
        resolve({ status: response.statusCode, location: response.headers.location });
      })
        .on('error', reject)
        .end();
    });
    expect(redirect).toEqual({ status: 301, location: `https://${host}/plain?y=2` });

    const containers = await docker.listContainers({ filters: { label: [`skylift.azure.site=${site.id}`] } });
    expect(containers).toHaveLength(1);
    expect(containers[0]?.Labels).toMatchObject({ 'skylift.local-cloud': 'azure', 'skylift.test': '1' });
    expect(containers[0]?.Ports.every((port) => port.IP === '127.0.0.1')).toBe(true);

    await azure.arm('PUT', `${web()}/sites/${site.name}/config/appsettings`, { body: { properties: { WEBSITES_PORT: '3000', GREETING: 'changed' } } });
    await until('the new settings to be live', async () => {
      const response = await fetch(`https://${host}/`).catch(() => undefined);
      return response?.status === 200 && ((await response.json()) as { greeting: string }).greeting === 'changed' ? true : undefined;
    });

    expect((await azure.arm('DELETE', `${web()}/sites/${site.name}`)).status).toBe(200);
    expect(await docker.listContainers({ all: true, filters: { label: [`skylift.azure.site=${site.id}`] } })).toEqual([]);
    await expect(fetch(`https://${host}/`)).rejects.toThrow();
  });

  it('swaps the image with a full PUT followed at once by a restart (what a deploy does), and the new tag answers', async () => {
    const site = await putSite(`swap-${Date.now()}`, { WEBSITES_PORT: '3000', GREETING: 'one' });
    await grantAcrPull(site.identity.principalId);
    await azure.arm('POST', `${web()}/sites/${site.name}/restart`);
    const host = site.properties.defaultHostName;
    await until('v1 to answer', async () => ((await fetch(`https://${host}/`)).status === 200 ? true : undefined));
    await docker.getImage(localTag).tag({ repo: `${login}/echo/app`, tag: 'v2' });
    await followProgress(docker, await docker.getImage(`${login}/echo/app:v2`).push({ authconfig: await developerAuth() }));
    await docker.getImage(`${login}/echo/app:v2`).remove();
    await putSite(site.name, { WEBSITES_PORT: '3000', GREETING: 'two' }, {}, `${login}/echo/app:v2`);
    expect((await azure.arm('POST', `${web()}/sites/${site.name}/restart`)).status).toBe(200);
    await until('v2 to answer', async () => {
      const response = await fetch(`https://${host}/`);
      return response.status === 200 && ((await response.json()) as { greeting: string }).greeting === 'two' ? true : undefined;
    });
    expect(await logsOf(site.name)).toContain(`Pulling image: ${login}/echo/app:v2`);
    expect(await docker.listContainers({ all: true, filters: { label: [`skylift.azure.site=${site.id}`] } })).toHaveLength(1);
  });

  it('fails the start when the container never answers the warm-up ping within WEBSITES_CONTAINER_START_TIME_LIMIT', async () => {
    const site = await putSite(`mute-${Date.now()}`, { WEBSITES_PORT: '3000', WEBSITES_CONTAINER_START_TIME_LIMIT: '2' }, { appCommandLine: 'node -e setInterval(()=>{},1000)' });
    await grantAcrPull(site.identity.principalId);
    await azure.arm('POST', `${web()}/sites/${site.name}/restart`);
    await until('the warm-up to give up', async () => ((await logsOf(site.name)).includes("didn't respond to HTTP pings on port: 3000") ? true : undefined));
    expect(await logsOf(site.name)).toContain('did not start within expected time limit. Elapsed time = 2 sec');
    expect((await fetch(`https://${site.properties.defaultHostName}/`)).status).toBe(503);
  });

  it('notices a container that dies: 503 and the exit in containerlogs, live again after a restart', async () => {
    const site = await putSite(`crash-${Date.now()}`, { WEBSITES_PORT: '3000' });
    await grantAcrPull(site.identity.principalId);
    await azure.arm('POST', `${web()}/sites/${site.name}/restart`);
    const host = site.properties.defaultHostName;
    await until('the site to run', async () => ((await fetch(`https://${host}/`)).status === 200 ? true : undefined));
    const [running] = await docker.listContainers({ filters: { label: [`skylift.azure.site=${site.id}`] } });
    await docker.getContainer(running?.Id as string).kill();
    await until('the exit to be noticed', async () => ((await logsOf(site.name)).includes('exited unexpectedly') ? true : undefined));
    expect((await fetch(`https://${host}/`)).status).toBe(503);
    // synchronous=true answers once the start is over: the site is live right after.
    expect((await azure.arm('POST', `${web()}/sites/${site.name}/restart?synchronous=true`)).status).toBe(200);
    expect((await fetch(`https://${host}/`)).status).toBe(200);
  });

  it('stops its containers when the emulator closes', async () => {
    const site = await putSite(`close-${Date.now()}`, { WEBSITES_PORT: '3000' });
    await grantAcrPull(site.identity.principalId);
    await azure.arm('POST', `${web()}/sites/${site.name}/restart`);
    await until('the site to run', async () => ((await fetch(`https://${site.properties.defaultHostName}/`)).status === 200 ? true : undefined));
    const reopened = await azure.restart();
    const filter = { label: [`skylift.azure.site=${site.id}`] };
    try {
      // After a restart the emulator brings the site back on the same host:port.
      await until('the site to come back', async () => ((await fetch(`https://${site.properties.defaultHostName}/`).catch(() => undefined))?.status === 200 ? true : undefined));
      expect(await docker.listContainers({ all: true, filters: filter })).toHaveLength(1);
    } finally {
      await reopened.emulator.close();
      azure = reopened;
    }
    expect(await docker.listContainers({ all: true, filters: filter })).toEqual([]);
  });
});
