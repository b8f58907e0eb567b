import { describe, expect, it } from 'vitest';
import { normaliseContextPath, scanForSecrets, type ContextFile } from './secret-scan.ts';

function file(path: string, content = ''): ContextFile {
  const bytes = Buffer.from(content);
  return { path, isSymlink: false, size: bytes.length, mtimeMs: 0, read: async () => bytes };
}

const pemBody = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7'.repeat(3);
const pem = `-----BEGIN RSA PRIVATE KEY-----\n${pemBody}\n-----END RSA PRIVATE KEY-----\n`;

describe('scanForSecrets', () => {
  it.each([
    ['.env', '', 'dotenv file'],
    ['config/.env.production', 'A=1', 'dotenv file'],
    ['keys/id_rsa', '', 'SSH private key'],
    ['id_ed25519_deploy', '', 'SSH private key'],
    ['tls/server.pem', '', 'key or certificate file'],
    ['tls/server.key', '', 'key or certificate file'],
    ['.azure/msal_token_cache.json', '{}', 'Azure CLI credentials'],
    ['home/.aws/credentials', '[default]', 'AWS credentials'],
    ['site.PublishSettings'.toLowerCase(), '<xml/>', 'Azure publish profile'],
    ['.config/gcloud/application_default_credentials.json', '{}', 'Google Cloud credentials'],
    ['.npmrc', '//registry.npmjs.org/:_authToken=npm_abc\n', 'npm auth token'],
    ['sa.json', `{"type": "service_account", "private_key": "x"}`, 'Google Cloud service-account key'],
    ['src/fixture.txt', pem, 'private key (PEM block)'],
    ['key.json', JSON.stringify({ key: pem.replaceAll('RSA ', '') }), 'private key (PEM block)'],
  ])('flags %s', async (path, content, reason) => {
    expect(await scanForSecrets([file(path, content)])).toEqual([{ path, reason }]);
  });

  it.each([
    ['.npmrc', 'registry=http://127.0.0.1:4873/\n'],
    ['keys/id_rsa.pub', 'ssh-rsa AAAA'],
    ['src/pem-parser.js', "if (line === '-----BEGIN PRIVATE KEY-----') parse()"],
    ['package.json', '{"name":"x"}'],
    ['src/environment.ts', 'export {}'],
  ])('leaves %s alone', async (path, content) => {
    expect(await scanForSecrets([file(path, content)])).toEqual([]);
  });

  it('lists every offender and skips the allowed ones', async () => {
    const files = [file('.env'), file('a/id_rsa'), file('ok.ts', 'x')];
    expect((await scanForSecrets(files, ['a/id_rsa'])).map((f) => f.path)).toEqual(['.env']);
  });

  it('normalises user-typed paths', () => {
    expect(normaliseContextPath('./a//b/')).toBe('a/b');
    expect(normaliseContextPath('a\\b')).toBe('a/b');
  });
});
