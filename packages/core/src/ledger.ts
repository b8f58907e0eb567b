import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { LedgerUnreadable } from './core-errors.ts';

/**
 * `.skylift/state.json`: what skylift created for a project, and nothing secret. Each package owns
 * one top-level section (`share`, `promote`, ...) and updates only that section, so writers never
 * clobber each other's fields.
 */
export type LedgerState = Record<string, unknown> & { version?: 1 };

export const LEDGER_DIR = '.skylift';
export const LEDGER_FILE = 'state.json';

export function ledgerPath(projectDir: string): string {
  return join(projectDir, LEDGER_DIR, LEDGER_FILE);
}

export async function readLedger(projectDir: string): Promise<LedgerState> {
  const path = ledgerPath(projectDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1 };
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as LedgerState;
  } catch (error) {
    throw LedgerUnreadable(path, (error as Error).message);
  }
}

/** Atomic: a crash mid-write leaves the previous file intact (write a temp file, then rename). */
export async function writeLedger(projectDir: string, state: LedgerState): Promise<void> {
  const path = ledgerPath(projectDir);
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, `${JSON.stringify({ ...state, version: 1 }, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, path);
}

/**
 * Read-modify-write of one section. Calls are serialised per project within this process so two
 * stages updating different sections cannot lose each other's write.
 */
const queues = new Map<string, Promise<unknown>>();

export function updateLedgerSection<T>(
  projectDir: string,
  section: string,
  update: (current: T | undefined) => T | undefined,
): Promise<T | undefined> {
  const key = ledgerPath(projectDir);
  const run = async () => {
    const state = await readLedger(projectDir);
    const next = update(state[section] as T | undefined);
    if (next === undefined) delete state[section];
    else state[section] = next;
    await writeLedger(projectDir, state);
    return next;
  };
  const result = (queues.get(key) ?? Promise.resolve()).then(run, run);
  queues.set(key, result.catch(() => undefined));
  return result;
}
