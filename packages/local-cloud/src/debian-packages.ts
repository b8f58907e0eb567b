import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PackageInstallFailed, PackagesUnavailable } from './errors.ts';
import { withFileLock } from './lock.ts';
import { localCloudDir } from './paths.ts';

/** What decides whether skylift may install system packages itself: root on Debian/Ubuntu. */
export interface HostFacts {
  readonly platform: NodeJS.Platform;
  readonly uid: number | undefined;
  readonly hasAptGet: boolean;
}

export function currentHost(): HostFacts {
  return { platform: process.platform, uid: process.getuid?.(), hasAptGet: existsSync('/usr/bin/apt-get') };
}

/** Why we cannot install packages here, or undefined when we can. */
export function installBlocker(host: HostFacts): string | undefined {
  if (host.platform !== 'linux' || !host.hasAptGet) return 'not a Debian machine';
  if (host.uid !== 0) return 'not running as root';
  return undefined;
}

export type ProgressSink = (line: string) => void;

const APT_ENV = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', NEEDRESTART_MODE: 'a' };

function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env: APT_ENV, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      const detail = stderr.trim().split('\n').slice(-3).join(' | ') || error.message;
      reject(PackageInstallFailed(`${command} ${args.join(' ')}`, detail));
    });
  });
}

export function isPackageInstalled(name: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('dpkg-query', ['-W', '-f=${Status}', name], (error, stdout) => resolve(!error && stdout.trim() === 'install ok installed'));
  });
}

async function missingOf(names: readonly string[]): Promise<string[]> {
  const installed = await Promise.all(names.map(isPackageInstalled));
  return names.filter((_, index) => !installed[index]);
}

// The package lists only need refreshing once per process, however many packages we add.
let listsUpdated: Promise<void> | undefined;

/**
 * Installs the Debian packages that are missing (dpkg is asked first, so an installed set costs a
 * few milliseconds). Installs run under a machine-wide lock: parallel test processes would
 * otherwise fight over the dpkg lock.
 */
export async function ensureDebianPackages(
  names: readonly string[],
  options: { host?: HostFacts; onProgress?: ProgressSink } = {},
): Promise<void> {
  if ((await missingOf(names)).length === 0) return;
  await withFileLock(join(localCloudDir(), 'apt.lock'), async () => {
    const missing = await missingOf(names);
    if (missing.length === 0) return;
    const blocker = installBlocker(options.host ?? currentHost());
    if (blocker) throw PackagesUnavailable(missing.join(', '), blocker);
    options.onProgress?.(`installing ${missing.join(', ')} (apt-get)`);
    listsUpdated ??= run('apt-get', ['-q', '-o', 'DPkg::Lock::Timeout=300', 'update']).catch((error: unknown) => {
      listsUpdated = undefined;
      throw error;
    });
    await listsUpdated;
    await run('apt-get', ['-q', '-y', '-o', 'DPkg::Lock::Timeout=300', 'install', ...missing]);
  });
}

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Chromium for the HTML report checks (driven by playwright-core; never a browser download). */
export async function ensureChromium(options: { onProgress?: ProgressSink } = {}): Promise<string> {
  if (!existsSync(CHROMIUM_PATH)) await ensureDebianPackages(['chromium'], options);
  return CHROMIUM_PATH;
}
