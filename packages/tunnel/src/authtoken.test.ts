import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { resolveAuthtoken } from './authtoken.ts';
import { NgrokAuthtokenMissing } from './errors.ts';

const home = await mkdtemp(join(tmpdir(), 'skylift-token-'));
afterAll(() => rm(home, { recursive: true, force: true }));

test('--authtoken wins over NGROK_AUTHTOKEN, and the source is named, not the token', async () => {
  const host = { platform: 'linux' as const, home, env: { NGROK_AUTHTOKEN: 'from-env' } };
  expect(await resolveAuthtoken('from-flag', host)).toEqual({ authtoken: 'from-flag', source: '--authtoken' });
  expect(await resolveAuthtoken(undefined, host)).toEqual({ authtoken: 'from-env', source: 'NGROK_AUTHTOKEN' });
});

test('no token anywhere: one line that says where to get one and where skylift looked', async () => {
  const error = await resolveAuthtoken(undefined, { platform: 'linux', home, env: {} }).catch((caught: unknown) => caught);
  expect(NgrokAuthtokenMissing.is(error)).toBe(true);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  expect(message).toContain('https://dashboard.ngrok.com/get-started/your-authtoken');
  expect(message).toContain('--authtoken (unset)');
  expect(message).toContain('NGROK_AUTHTOKEN (unset)');
  expect(message).toContain(join(home, '.config', 'ngrok', 'ngrok.yml'));
});
