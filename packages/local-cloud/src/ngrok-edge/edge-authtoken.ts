import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { localCloudDir } from '../paths.ts';

export const NGROK_EDGE_SERVICE = 'ngrok-edge';

export function ngrokEdgeDir(root = localCloudDir()): string {
  return join(root, NGROK_EDGE_SERVICE);
}

/**
 * The token the edge daemon accepts: made once, kept 0600 beside its state, never printed. It
 * guards the edge against other local users' agents, so it is random, not a fixed test value.
 */
export async function ensureEdgeAuthtoken(dir = ngrokEdgeDir()): Promise<string> {
  const path = join(dir, 'authtoken');
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const token = `skylift_local_${randomBytes(24).toString('hex')}`;
  try {
    await writeFile(path, `${token}\n`, { mode: 0o600, flag: 'wx' });
    return token;
  } catch (error) {
    // Another process made it first: theirs wins.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return (await readFile(path, 'utf8')).trim();
    throw error;
  }
}
