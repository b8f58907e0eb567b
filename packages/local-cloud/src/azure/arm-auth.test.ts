import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from './jwt.ts';
import { startTestAzure, type TestAzure } from './test-support.ts';

let azure: TestAzure;
beforeAll(async () => {
  azure = await startTestAzure();
});
afterAll(() => azure.close());

describe('identity endpoint (App Service managed identity, api-version 2019-08-01)', () => {
  it('issues an RS256 JWT for the developer with tid, oid, aud, iss, iat and exp', async () => {
    const url = `${azure.emulator.identityEndpoint}?api-version=2019-08-01&resource=${encodeURIComponent(azure.emulator.armEndpoint)}`;
    const response = await fetch(url, { headers: { 'X-IDENTITY-HEADER': azure.emulator.identityHeader } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, string>;
    expect(body.token_type).toBe('Bearer');
    expect(body.resource).toBe(azure.emulator.armEndpoint);
    expect(Number(body.expires_on)).toBeGreaterThan(Date.now() / 1000 + 3600);
    const [header] = (body.access_token as string).split('.');
    expect(JSON.parse(Buffer.from(header as string, 'base64url').toString())).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    const claims = decodeJwt(body.access_token as string);
    expect(claims).toMatchObject({
      tid: azure.emulator.tenantId,
      oid: azure.emulator.developerObjectId,
      aud: azure.emulator.armEndpoint,
      iss: `https://sts.windows.net/${azure.emulator.tenantId}/`,
    });
    expect(claims?.exp).toBe(Number(body.expires_on));
    expect(typeof claims?.iat).toBe('number');
  });

  it('refuses a missing or wrong X-IDENTITY-HEADER, another api-version and a missing resource', async () => {
    const base = `${azure.emulator.identityEndpoint}?api-version=2019-08-01&resource=https://management.azure.com`;
    expect((await fetch(base)).status).toBe(401);
    expect((await fetch(base, { headers: { 'X-IDENTITY-HEADER': 'nope' } })).status).toBe(401);
    const header = { 'X-IDENTITY-HEADER': azure.emulator.identityHeader };
    expect((await fetch(base.replace('2019-08-01', '2017-09-01'), { headers: header })).status).toBe(400);
    expect((await fetch(`${azure.emulator.identityEndpoint}?api-version=2019-08-01`, { headers: header })).status).toBe(400);
  });
});

describe('ARM authentication and api-versions', () => {
  it('answers 401 AuthenticationFailed with a Bearer challenge when the Authorization header is missing', async () => {
    const answer = await azure.arm('GET', azure.sub, { token: null });
    expect(answer.status).toBe(401);
    expect(answer.json.error.code).toBe('AuthenticationFailed');
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer authorization_uri="[^"]+", error="invalid_token"/);
  });

  it('answers 401 InvalidAuthenticationToken for a token it did not sign', async () => {
    const token = await azure.token();
    const [header, body] = token.split('.');
    const forged = `${header}.${body}.${Buffer.from('not the signature').toString('base64url')}`;
    const answer = await azure.arm('GET', azure.sub, { token: forged });
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ error: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' } });
  });

  it('answers 401 InvalidAuthenticationTokenAudience for a token minted for another resource', async () => {
    const answer = await azure.arm('GET', azure.sub, { token: await azure.token(undefined, 'https://vault.azure.net') });
    expect(answer.status).toBe(401);
    expect(answer.json.error.code).toBe('InvalidAuthenticationTokenAudience');
  });

  it('accepts the public-cloud ARM audience too (clients that default their scope)', async () => {
    const answer = await azure.arm('GET', azure.sub, { token: await azure.token(undefined, 'https://management.azure.com/') });
    expect(answer.status).toBe(200);
  });

  it('requires an api-version and names the supported ones when it is unknown', async () => {
    const missing = await azure.arm('GET', `${azure.sub}/resourcegroups`, { apiVersion: null });
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe('MissingApiVersionParameter');

    const arm = await azure.arm('GET', `${azure.sub}/resourcegroups`, { apiVersion: '2099-01-01' });
    expect(arm.status).toBe(400);
    expect(arm.json.error.code).toBe('InvalidApiVersionParameter');
    expect(arm.json.error.message).toContain("The api-version '2099-01-01' is invalid. The supported versions are '");
    expect(arm.json.error.message).toContain('2025-04-01');

    const provider = await azure.arm('GET', `${azure.sub}/providers/Microsoft.ContainerRegistry/registries`, { apiVersion: '2099-01-01' });
    expect(provider.status).toBe(400);
    expect(provider.json.error.code).toBe('NoRegisteredProviderFound');
    expect(provider.json.error.message).toContain("for type 'registries'");
    expect(provider.json.error.message).toContain('2025-11-01');
  });

  it('serves the subscription and the subscription list', async () => {
    const one = await azure.arm('GET', azure.sub);
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ id: azure.sub, subscriptionId: azure.emulator.subscriptionId, tenantId: azure.emulator.tenantId, state: 'Enabled' });
    const list = await azure.arm('GET', '/subscriptions');
    expect(list.json.value).toHaveLength(1);
    const other = await azure.arm('GET', '/subscriptions/00000000-1111-2222-3333-444444444444');
    expect(other.status).toBe(404);
    expect(other.json.error.code).toBe('SubscriptionNotFound');
  });

  it('answers every ARM call with x-ms-request-id and unknown paths with an ARM error body', async () => {
    const answer = await azure.arm('GET', `${azure.sub}/providers/Microsoft.Nope/things`, { apiVersion: '2025-01-01' });
    expect(answer.status).toBe(404);
    expect(answer.json.error.code).toBe('NotFound');
    expect(answer.headers.get('x-ms-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports the emulated resource providers as Registered (GET and register)', async () => {
    const web = await azure.arm('GET', `${azure.sub}/providers/Microsoft.Web`, { apiVersion: '2025-04-01' });
    expect(web.json).toMatchObject({ namespace: 'Microsoft.Web', registrationState: 'Registered' });
    expect(web.json.resourceTypes.find((type: { resourceType: string }) => type.resourceType === 'sites').apiVersions).toContain('2025-05-01');
    const registered = await azure.arm('POST', `${azure.sub}/providers/microsoft.containerregistry/register`, { apiVersion: '2025-04-01' });
    expect(registered.json).toMatchObject({ namespace: 'Microsoft.ContainerRegistry', registrationState: 'Registered' });
    expect((await azure.arm('GET', `${azure.sub}/providers`)).json.value).toHaveLength(3);
    const unknown = await azure.arm('GET', `${azure.sub}/providers/Microsoft.Nope`, { apiVersion: '2025-04-01' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('InvalidResourceNamespace');
  });
});
