import { expect, test } from 'vitest';
import { checkAccess, clientIp, downstreamResponseHeaders, ipAllowed, upstreamRequestHeaders } from './edge-policies.ts';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

test('IP rules: deny wins, an allow list admits only its ranges, IPv4-mapped clients match IPv4 rules', () => {
  expect(ipAllowed(undefined, '203.0.113.9')).toBe(true);
  expect(ipAllowed({ allow_cidrs: ['203.0.113.0/24'] }, '203.0.113.9')).toBe(true);
  expect(ipAllowed({ allow_cidrs: ['203.0.113.0/24'] }, '198.51.100.1')).toBe(false);
  expect(ipAllowed({ allow_cidrs: ['0.0.0.0/0'], deny_cidrs: ['203.0.113.9/32'] }, '203.0.113.9')).toBe(false);
  expect(ipAllowed({ deny_cidrs: ['2001:db8::/32'] }, '2001:db8::1')).toBe(false);
  expect(clientIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
});

test('checkAccess: 403 for IP, 401 with WWW-Authenticate for basic auth, 403 for OAuth (no IdP locally)', () => {
  expect(checkAccess({ IPRestriction: { deny_cidrs: ['127.0.0.0/8'] } }, { ip: '127.0.0.1' })?.status).toBe(403);
  const auth = { BasicAuth: { credentials: [{ username: 'ada', cleartext_password: 'lovelace-1843' }] } };
  const missing = checkAccess(auth, { ip: '127.0.0.1' });
  expect(missing?.status).toBe(401);
  expect(missing?.headers['www-authenticate']).toBe('Basic realm="ngrok"');
  expect(checkAccess(auth, { ip: '127.0.0.1', authorization: basic('ada', 'wrong-password') })?.status).toBe(401);
  expect(checkAccess(auth, { ip: '127.0.0.1', authorization: basic('ada', 'lovelace-1843') })).toBeUndefined();
  expect(checkAccess({ OAuth: { provider: 'google' } }, { ip: '127.0.0.1' })?.status).toBe(403);
  expect(checkAccess({}, { ip: '127.0.0.1' })).toBeUndefined();
});

test('headers: hop-by-hop dropped, X-Forwarded-* added (appending to a client’s X-Forwarded-For), add/remove rules applied', () => {
  const upstream = upstreamRequestHeaders(
    { host: '127.0.0.1:4443', connection: 'keep-alive', 'x-forwarded-for': '198.51.100.7', 'x-drop': '1', accept: '*/*' },
    { ip: '127.0.0.1', rules: { add: ['X-Env: staging'], remove: ['X-Drop'] } },
  );
  expect(upstream).toEqual({
    host: '127.0.0.1:4443',
    accept: '*/*',
    'x-forwarded-for': '198.51.100.7, 127.0.0.1',
    'x-forwarded-proto': 'https',
    'x-forwarded-host': '127.0.0.1:4443',
    'x-env': 'staging',
  });
  expect(downstreamResponseHeaders({ 'transfer-encoding': 'chunked', 'keep-alive': 'timeout=5', 'content-type': 'text/plain' }, { add: ['X-Served-By: edge'] })).toEqual({
    'content-type': 'text/plain',
    'x-served-by': 'edge',
  });
});
