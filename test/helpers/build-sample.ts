import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { promisify } from 'node:util';
import { SAMPLE_API } from './paths.ts';

/** vitest globalSetup: the sample image copies dist/server.mjs, so the bundle must exist first. */
export default async function buildSample(): Promise<void> {
  try {
    await access(`${SAMPLE_API}/dist/server.mjs`);
  } catch {
    await promisify(execFile)('npm', ['run', 'build'], { cwd: SAMPLE_API });
  }
}
