import { fileURLToPath } from 'node:url';
import type { ProgressSink } from './debian-packages.ts';
import type { ServiceRecord } from './state.ts';

export type Endpoints = Readonly<Record<string, unknown>>;

/** How the supervisor knows a freshly started service is ready, and learns its endpoints. */
export type Readiness =
  /** The daemon contract: one JSON line `{"ready":true,"endpoints":{...}}` on stdout. */
  | { readonly kind: 'ready-line' }
  /** A program we do not control: ready once `url` answers over HTTP. */
  | { readonly kind: 'http'; readonly url: string; readonly endpoints: Endpoints };

export interface ServiceLaunch {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly readiness: Readiness;
}

export interface ServiceContext {
  /** The service's own state directory: `localCloudDir()/<name>`. */
  readonly dir: string;
  /** The record of its last run, if any (e.g. to keep the same port across restarts). */
  readonly previous?: ServiceRecord;
  readonly onProgress?: ProgressSink;
}

export interface ServiceDefinition {
  readonly name: string;
  /** Prepares files and packages, then says what to run. Called only when it is not running. */
  launch(context: ServiceContext): Promise<ServiceLaunch>;
}

const tsxLoader = fileURLToPath(import.meta.resolve('tsx'));

/**
 * A daemon written in TypeScript: `src/daemons/<name>.ts`, run as `node --import tsx <file>`
 * (no build step), announcing itself with the ready line.
 */
export function nodeDaemon(name: string): ServiceDefinition {
  const entry = fileURLToPath(new URL(`./daemons/${name}.ts`, import.meta.url));
  return {
    name,
    launch: async () => ({ command: process.execPath, args: ['--import', tsxLoader, entry], readiness: { kind: 'ready-line' } }),
  };
}
