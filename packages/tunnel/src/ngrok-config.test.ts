import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { authtokenFromConfig, findNgrokAuthtoken, ngrokConfigPaths } from './ngrok-config.ts';

test('the agent config lives at its per-OS default, then the legacy v2 path', () => {
  expect(ngrokConfigPaths({ platform: 'linux', home: '/home/ada', env: {} })).toEqual(['/home/ada/.config/ngrok/ngrok.yml', '/home/ada/.ngrok2/ngrok.yml']);
  expect(ngrokConfigPaths({ platform: 'linux', home: '/home/ada', env: { XDG_CONFIG_HOME: '/xdg' } })[0]).toBe('/xdg/ngrok/ngrok.yml');
  expect(ngrokConfigPaths({ platform: 'darwin', home: '/Users/ada', env: {} })[0]).toBe('/Users/ada/Library/Application Support/ngrok/ngrok.yml');
  expect(ngrokConfigPaths({ platform: 'win32', home: 'C:\\Users\\ada', env: { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' } })).toEqual([
    'C:\\Users\\ada\\AppData\\Local\\ngrok\\ngrok.yml',
    'C:\\Users\\ada\\.ngrok2\\ngrok.yml',
  ]);
});

test('the authtoken is read from a v3 (agent:) or v2 (top-level) config', async () => {
  expect(await authtokenFromConfig('version: "3"\nagent:\n  authtoken: tok_v3\n')).toBe('tok_v3');
  expect(await authtokenFromConfig('authtoken: tok_v2\nregion: eu\n')).toBe('tok_v2');
  expect(await authtokenFromConfig('version: "3"\nagent: {}\n')).toBeUndefined();
  expect(await authtokenFromConfig('')).toBeUndefined();
});

const home = await mkdtemp(join(tmpdir(), 'skylift-ngrok-home-'));
afterAll(() => rm(home, { recursive: true, force: true }));

test('NGROK_AUTHTOKEN wins over the config file, and the source is named without the token', async () => {
  await mkdir(join(home, '.config', 'ngrok'), { recursive: true });
  await writeFile(join(home, '.config', 'ngrok', 'ngrok.yml'), 'version: "3"\nagent:\n  authtoken: from_file\n');
  expect(await findNgrokAuthtoken({ platform: 'linux', home, env: { NGROK_AUTHTOKEN: 'from_env' } })).toEqual({
    found: true,
    authtoken: 'from_env',
    source: 'NGROK_AUTHTOKEN',
  });
  expect(await findNgrokAuthtoken({ platform: 'linux', home, env: {} })).toEqual({
    found: true,
    authtoken: 'from_file',
    source: join(home, '.config', 'ngrok', 'ngrok.yml'),
  });
});

test('nothing found lists what was checked and why each did not count', async () => {
  const empty = await mkdtemp(join(tmpdir(), 'skylift-ngrok-empty-'));
  try {
    await mkdir(join(empty, '.ngrok2'));
    await writeFile(join(empty, '.ngrok2', 'ngrok.yml'), 'authtoken: [unclosed\n');
    const lookup = await findNgrokAuthtoken({ platform: 'linux', home: empty, env: {} });
    expect(lookup).toEqual({
      found: false,
      checked: ['NGROK_AUTHTOKEN (unset)', `${join(empty, '.config', 'ngrok', 'ngrok.yml')} (absent)`, `${join(empty, '.ngrok2', 'ngrok.yml')} (not valid YAML)`],
    });
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
});
