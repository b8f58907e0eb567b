import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ACR_TOKEN_USERNAME, redactedOnInspect, tenantOfToken } from './acr-token.ts';

const jwt = (claims: object) =>
  ['{"alg":"none"}', JSON.stringify(claims)].map((part) => Buffer.from(part).toString('base64url')).join('.') + '.sig';

describe('tenantOfToken', () => {
  it('reads the tid claim', () => {
    expect(tenantOfToken(jwt({ tid: '72f988bf-86f1-41af-91ab-2d7cd011db47', aud: 'x' }))).toBe(
      '72f988bf-86f1-41af-91ab-2d7cd011db47',
    );
  });

  it('refuses tokens without one', () => {
    expect(() => tenantOfToken(jwt({ aud: 'x' }))).toThrow(/no tid/);
    expect(() => tenantOfToken('opaque')).toThrow(/not a JWT/);
  });
});

describe('redactedOnInspect', () => {
  it('hides the refresh token from console.log but keeps it for dockerode’s JSON auth header', () => {
    const auth = redactedOnInspect({ username: ACR_TOKEN_USERNAME, password: 'refresh-secret', serveraddress: '127.0.0.1:5000' });
    expect(inspect(auth)).not.toContain('refresh-secret');
    expect(inspect(auth)).toContain('[redacted]');
    expect(JSON.parse(JSON.stringify(auth))).toEqual({
      username: ACR_TOKEN_USERNAME,
      password: 'refresh-secret',
      serveraddress: '127.0.0.1:5000',
    });
  });
});
