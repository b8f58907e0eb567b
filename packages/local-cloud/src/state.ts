import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalCloudStateUnreadable } from './errors.ts';
import { withFileLock } from './lock.ts';

/** One running local cloud service, as the supervisor started it. Nothing secret goes here. */
export interface ServiceRecord {
  readonly name: string;
  readonly pid: number;
  readonly endpoints: Readonly<Record<string, unknown>>;
  readonly startedAt: string;
  /** The argv we launched; checked against /proc so a reused pid is never taken for ours. */
  readonly command: readonly string[];
}

/** A dockerd that skylift started (an engine it found is never recorded, so never stopped). */
export interface DockerRecord {
  readonly pid: number;
  readonly startedAt: string;
  readonly command: readonly string[];
  readonly logPath: string;
}

export interface LocalCloudState {
  readonly version: 1;
  readonly docker?: DockerRecord;
  readonly services: Readonly<Record<string, ServiceRecord>>;
}

export function statePath(dir: string): string {
  return join(dir, 'state.json');
}

export async function readState(dir: string): Promise<LocalCloudState> {
  const path = statePath(dir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, services: {} };
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LocalCloudState> | null;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return { version: 1, services: parsed.services ?? {}, ...(parsed.docker ? { docker: parsed.docker } : {}) };
  } catch (error) {
    throw LocalCloudStateUnreadable(path, (error as Error).message);
  }
}

/** Read-modify-write under a short lock, written atomically (temp file + rename). */
export function updateState(dir: string, update: (state: LocalCloudState) => LocalCloudState): Promise<LocalCloudState> {
  return withFileLock(join(dir, 'state.lock'), async () => {
    const next = update(await readState(dir));
    await mkdir(dir, { recursive: true });
    const temp = `${statePath(dir)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, statePath(dir));
    return next;
  });
}
