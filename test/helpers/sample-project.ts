import { appendFile, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_API } from './paths.ts';

export interface SampleProject {
  readonly dir: string;
  /** The project name promote derives every resource name from (unique per test run). */
  readonly name: string;
  /** A one-line change to the app: only the app layer of the image changes. */
  touch(line: string): Promise<void>;
  /** Bakes a behaviour into the image (a source change that alters what the API answers). */
  setBehaviour(behaviour: 'normal' | 'changed'): Promise<void>;
  remove(): Promise<void>;
}

/** A copy of the sample API as a user's project: Dockerfile, bundle, suite, its own package.json. */
export async function makeSampleProject(): Promise<SampleProject> {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const name = `e2e-${suffix}`;
  const dir = await mkdtemp(join(tmpdir(), `skylift-${name}-`));
  await mkdir(join(dir, 'dist'));
  for (const file of ['Dockerfile', '.dockerignore', 'skylift.suite.yaml', 'dist/server.mjs']) {
    await copyFile(join(SAMPLE_API, file), join(dir, file));
  }
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name, private: true }, null, 2)}\n`);
  const dockerfile = await readFile(join(dir, 'Dockerfile'), 'utf8');
  return {
    dir,
    name,
    touch: (line) => appendFile(join(dir, 'dist/server.mjs'), `\n// ${line}\n`),
    setBehaviour: (behaviour) =>
      writeFile(
        join(dir, 'Dockerfile'),
        behaviour === 'normal'
          ? dockerfile
          : dockerfile.replace('ENV NODE_ENV=production', `ENV SAMPLE_API_BEHAVIOUR=${behaviour} NODE_ENV=production`),
      ),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
