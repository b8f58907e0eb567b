import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { expect, test } from 'vitest';
import { checkAzureCredentials, describeFailure } from './azure-check.ts';
import { doctorReport } from './check.ts';
import { checkDockerEngine, checkLocalCloud } from './docker-check.ts';
import { checkNgrokAuthtoken } from './ngrok-check.ts';
import { checkNodeVersion } from './node-check.ts';
import { renderDoctorTable } from './table.ts';

test('Node 20.19 and newer pass; older fails with the fix', () => {
  expect(checkNodeVersion('20.19.0').status).toBe('ok');
  expect(checkNodeVersion('v24.1.0').status).toBe('ok');
  expect(checkNodeVersion('20.18.3')).toMatchObject({ status: 'fail', detail: 'v20.18.3 is too old' });
  expect(checkNodeVersion('18.20.0').fix).toMatch(/install Node 20\.19 or newer/);
});

test('an unreachable engine fails and says what to start; a running one names its version', () => {
  const down = checkDockerEngine({ address: 'unix:///var/run/docker.sock', reachable: false, detail: 'connect ENOENT', startedByUs: false });
  expect(down).toMatchObject({ status: 'fail', detail: 'no answer at unix:///var/run/docker.sock (connect ENOENT)' });
  expect(down.fix).toMatch(/Docker Desktop.*sudo dockerd.*DOCKER_HOST/);
  expect(checkDockerEngine({ address: 'unix:///x.sock', reachable: true, version: '27.1.0', startedByUs: true })).toEqual({
    name: 'Docker Engine',
    status: 'ok',
    detail: '27.1.0 at unix:///x.sock, started by skylift',
    fix: null,
  });
});

test('the local cloud warns with `skylift local up` when a service is stopped', () => {
  const engine = { address: 'unix:///x.sock', reachable: true, startedByUs: false };
  expect(checkLocalCloud({ engine, services: [{ name: 'registry', running: false }] })).toMatchObject({ status: 'warn', fix: 'skylift local up' });
  expect(checkLocalCloud({ engine, services: [{ name: 'registry', running: true, pid: 7, endpoints: { host: '127.0.0.1:5000' } }] })).toMatchObject({
    status: 'ok',
    detail: 'registry 127.0.0.1:5000',
  });
});

const credential = (getToken: TokenCredential['getToken']): TokenCredential => ({ getToken });

test('a credential that answers gives ok without the token anywhere in the check', async () => {
  const token: AccessToken = { token: 'eyJ-secret-token', expiresOnTimestamp: Date.UTC(2030, 0, 1) };
  const check = await checkAzureCredentials(credential(async () => token));
  expect(check).toMatchObject({ status: 'ok', fix: null });
  expect(JSON.stringify(check)).not.toContain('eyJ-secret-token');
});

test('a credential that never answers is reported as not found within the timeout', async () => {
  let aborted = false;
  const hanging = credential((_scopes, options) => new Promise((_resolve, reject) => options?.abortSignal?.addEventListener('abort', () => ((aborted = true), reject(new Error('aborted'))))));
  const started = Date.now();
  const check = await checkAzureCredentials(hanging, 200);
  expect(Date.now() - started).toBeLessThan(1_000);
  expect(check).toMatchObject({ status: 'warn', detail: 'not found (no credential answered within 0.2 s)' });
  expect(check.fix).toMatch(/az login/);
  expect(aborted).toBe(true);
});

test('the chained failure names the sources tried', () => {
  const aggregate = Object.assign(new Error('ChainedTokenCredential authentication failed.'), {
    errors: [new Error('EnvironmentCredential is unavailable.'), new Error('Azure Developer CLI could not be found.'), new Error('Azure CLI could not be found.')],
  });
  expect(describeFailure(aggregate)).toBe('tried environment, Azure Developer CLI, Azure CLI');
  expect(describeFailure(new Error('first line\nsecond'))).toBe('first line');
});

test('the ngrok check names where the token is, never the token', () => {
  const found = checkNgrokAuthtoken({ found: true, authtoken: '2abcSECRET', source: '/home/ada/.config/ngrok/ngrok.yml' });
  expect(found).toEqual({ name: 'ngrok authtoken', status: 'ok', detail: 'found in /home/ada/.config/ngrok/ngrok.yml', fix: null });
  expect(checkNgrokAuthtoken({ found: false, checked: ['NGROK_AUTHTOKEN (unset)'] })).toMatchObject({ status: 'warn', detail: 'not found; checked NGROK_AUTHTOKEN (unset)' });
});

test('the report is ok with warnings, not with a failure; the table shows fixes under what is not ok', () => {
  const warned = doctorReport([
    { name: 'Node.js', status: 'ok', detail: 'v20.20.2', fix: null },
    { name: 'ngrok authtoken', status: 'warn', detail: 'not found', fix: 'export NGROK_AUTHTOKEN' },
  ]);
  expect(warned.ok).toBe(true);
  expect(renderDoctorTable(warned)).toBe(
    [
      'CHECK            STATUS  DETAIL',
      'Node.js          ok      v20.20.2',
      'ngrok authtoken  warn    not found',
      '                         fix: export NGROK_AUTHTOKEN',
      'All required checks passed.',
      '',
    ].join('\n'),
  );
  const failed = doctorReport([{ name: 'Docker Engine', status: 'fail', detail: 'no answer', fix: 'start it' }]);
  expect(failed.ok).toBe(false);
  expect(renderDoctorTable(failed)).toContain('Docker Engine  FAIL    no answer\n                       fix: start it\nSome required checks failed');
});
