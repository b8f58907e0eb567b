import { expect, test } from 'vitest';
import { ensureChromium, ensureDebianPackages, installBlocker, isPackageInstalled } from './debian-packages.ts';
import { PackagesUnavailable } from './errors.ts';

test('only root on a machine with apt-get may install packages', () => {
  expect(installBlocker({ platform: 'linux', uid: 0, hasAptGet: true })).toBeUndefined();
  expect(installBlocker({ platform: 'linux', uid: 1000, hasAptGet: true })).toBe('not running as root');
  expect(installBlocker({ platform: 'linux', uid: 0, hasAptGet: false })).toBe('not a Debian machine');
  expect(installBlocker({ platform: 'darwin', uid: 501, hasAptGet: false })).toBe('not a Debian machine');
  expect(installBlocker({ platform: 'win32', uid: undefined, hasAptGet: false })).toBe('not a Debian machine');
});

test('dpkg answers whether a package is installed', async () => {
  expect(await isPackageInstalled('dpkg')).toBe(true);
  expect(await isPackageInstalled('skylift-no-such-package')).toBe(false);
});

test('installed packages cost no apt-get run', async () => {
  const started = Date.now();
  await ensureDebianPackages(['dpkg', 'coreutils'], { host: { platform: 'linux', uid: 1000, hasAptGet: true } });
  expect(Date.now() - started).toBeLessThan(2_000);
});

test('a missing package where we may not install says so and names it', async () => {
  const error = await ensureDebianPackages(['skylift-no-such-package'], { host: { platform: 'darwin', uid: 501, hasAptGet: false } }).catch(
    (caught: unknown) => caught,
  );
  expect(PackagesUnavailable.is(error)).toBe(true);
  expect((error as Error).message).toMatch(/skylift-no-such-package missing .*\(not a Debian machine\)/);
});

test('chromium for the HTML checks is the Debian one at a fixed path', async () => {
  const path = await ensureChromium();
  expect(path).toBe('/usr/bin/chromium');
  expect(await isPackageInstalled('chromium')).toBe(true);
});
