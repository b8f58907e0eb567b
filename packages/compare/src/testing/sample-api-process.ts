import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const appDir = fileURLToPath(new URL('../../../../apps/sample-api/', import.meta.url));

export interface RunningApi {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts apps/sample-api as its own process (its real entry, `src/server.ts`) on an ephemeral loopback port. */
export function startSampleApi(behaviour: 'normal' | 'changed' | 'reordered'): Promise<RunningApi> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: appDir,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SAMPLE_API_BEHAVIOUR: behaviour },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`sample-api (${behaviour}) did not start within 20 s:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({ url: match[1]!, close });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sample-api (${behaviour}) exited with ${code}:\n${output}`));
    });
  });
}
