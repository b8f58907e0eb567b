import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

// ACR's shape: a fixed null-GUID username and the token as the password.
export const HTPASSWD_USER = '00000000-0000-0000-0000-000000000000';
export const HTPASSWD_PASSWORD = 'skylift-right-password';
// bcrypt of HTPASSWD_PASSWORD (cost 10), made once with bcryptjs: test data, not a credential.
const HTPASSWD_LINE = `${HTPASSWD_USER}:$2b$10$hnGbFZPuvKqbKqqQ8E0KFePUqa1qRn3zsUc.LeDvcrfLtPjJ5JugC\n`;

export interface HtpasswdRegistry {
  /** `127.0.0.1:PORT` */
  readonly host: string;
  close(): Promise<void>;
}

/**
 * A second CNCF registry (distribution 2.8) with basic auth ON, on an ephemeral loopback port, for
 * tests of rejected credentials. Its storage lives in a temp dir removed by `close()`.
 */
export async function startHtpasswdRegistry(): Promise<HtpasswdRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'skylift-auth-registry-'));
  await writeFile(join(dir, 'htpasswd'), HTPASSWD_LINE);
  await writeFile(
    join(dir, 'config.yml'),
    // JSON is YAML, and saves a dependency.
    JSON.stringify({
      version: 0.1,
      log: { level: 'info', accesslog: { disabled: true } },
      storage: { filesystem: { rootdirectory: join(dir, 'storage') } },
      http: { addr: '127.0.0.1:0' },
      auth: { htpasswd: { realm: 'skylift-test', path: join(dir, 'htpasswd') } },
    }),
  );
  const child = spawn('/usr/bin/docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  const close = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const host = await new Promise<string>((resolve, reject) => {
      // Port 0: the registry logs the address it really bound.
      const lines = createInterface({ input: child.stderr });
      lines.on('line', (line) => {
        const address = /listening on (127\.0\.0\.1:\d+)/.exec(line)?.[1];
        if (address) resolve(address);
      });
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`docker-registry exited with ${code} before listening`)));
    });
    child.stderr.resume();
    return { host, close };
  } catch (error) {
    await close();
    throw error;
  }
}
