import { expect, test } from 'vitest';
import { InvalidShareOption } from './errors.ts';
import { isOpenToEveryone, parseBasicAuth, parseCidr, parseHeader } from './tunnel-options.ts';

test('basic auth is user:password with ngrok’s 8-character minimum, and a bad one never echoes the password', () => {
  expect(parseBasicAuth('ada:correct:horse')).toEqual({ username: 'ada', password: 'correct:horse' });
  for (const bad of ['ada', 'ada:short', ':longenough']) {
    const error = (() => {
      try {
        parseBasicAuth(bad);
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(InvalidShareOption.is(error)).toBe(true);
    expect(error?.message).not.toContain(bad.split(':')[1] || '\u0000');
  }
});

test('CIDRs are checked and a bare address becomes a single-host range', () => {
  expect(parseCidr('--allow-cidr', '203.0.113.0/24')).toBe('203.0.113.0/24');
  expect(parseCidr('--allow-cidr', '198.51.100.7')).toBe('198.51.100.7/32');
  expect(parseCidr('--deny-cidr', '2001:db8::/32')).toBe('2001:db8::/32');
  for (const bad of ['10.0.0.0/33', 'example.com/8', '10.0.0.0/', '1.2.3.4/8/9']) expect(() => parseCidr('--allow-cidr', bad)).toThrow(/not valid/);
});

test('request headers are "Name: value"', () => {
  expect(parseHeader('X-Env: staging')).toEqual({ name: 'X-Env', value: 'staging' });
  expect(() => parseHeader('no colon')).toThrow(/"Name: value"/);
});

test('only auth, OAuth or an allow-list count as access control', () => {
  expect(isOpenToEveryone({})).toBe(true);
  expect(isOpenToEveryone({ denyCidrs: ['10.0.0.0/8'] })).toBe(true);
  expect(isOpenToEveryone({ allowCidrs: ['10.0.0.0/8'] })).toBe(false);
  expect(isOpenToEveryone({ basicAuth: { username: 'a', password: 'b' } })).toBe(false);
  expect(isOpenToEveryone({ oauthProvider: 'google' })).toBe(false);
});
