import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The local cloud is per machine, not per project: one engine, one registry, one CA shared by
 * every checkout. `SKYLIFT_HOME` moves it (tests that want isolation, CI caches).
 */
export function skyliftHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.SKYLIFT_HOME ?? join(homedir(), '.skylift');
}

export function localCloudDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(skyliftHome(env), 'local-cloud');
}
