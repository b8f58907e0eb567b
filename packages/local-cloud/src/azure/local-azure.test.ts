import { mkdtemp, rm, stat } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { localCloudDir } from '../paths.ts';
import { readState } from '../state.ts';
import { stopLocalCloud } from '../supervisor.ts';
import { localAzure } from './local-azure.ts';

// The daemon finds its state through SKYLIFT_HOME, which the supervisor passes on.
const home = await mkdtemp(join(tmpdir(), 'skylift-azure-daemon-'));
process.env.SKYLIFT_HOME = home;

afterAll(async () => {
  await stopLocalCloud();
  await rm(home, { recursive: true, force: true });
});

function getJson(url: string, token: string, ca: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    request(url, { ca, headers: { authorization: `Bearer ${token}` } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    })
      .on('error', reject)
      .end();
  });
}

test('localAzure starts the daemon once, keeps the identity header 0600 and out of the state, and ARM answers', async () => {
  const azure = await localAzure();
  expect(azure.armEndpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  expect(azure.identityEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/msi\/token$/);
  const again = await localAzure();
  expect(again.armEndpoint).toBe(azure.armEndpoint);
  expect(again.subscriptionId).toBe(azure.subscriptionId);
  const { mode } = await stat(join(localCloudDir(), 'azure', 'identity-header'));
  expect(mode & 0o777).toBe(0o600);
  expect(JSON.stringify(await readState(localCloudDir()))).not.toContain(azure.identityHeader);

  const tokenUrl = `${azure.identityEndpoint}?api-version=2019-08-01&resource=${encodeURIComponent(azure.armEndpoint)}`;
  const token = ((await (await fetch(tokenUrl, { headers: { 'X-IDENTITY-HEADER': azure.identityHeader } })).json()) as { access_token: string }).access_token;
  const subscription = await getJson(`${azure.armEndpoint}/subscriptions/${azure.subscriptionId}?api-version=2022-12-01`, token, azure.caPem);
  expect(subscription).toMatchObject({ status: 200, body: { subscriptionId: azure.subscriptionId, tenantId: azure.tenantId } });
});
