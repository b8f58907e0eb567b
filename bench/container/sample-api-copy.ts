import { appendFile, cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface SampleApiCopy {
  readonly dir: string;
  /** Runs the copy's own esbuild bundle step (the app's `npm run build`). */
  bundle(): Promise<void>;
  /** A one-line source change that survives bundling (a side effect, so it is not tree-shaken). */
  changeOneLine(marker: string): Promise<void>;
  remove(): Promise<void>;
}

/**
 * A private copy of apps/sample-api, so the bench can edit its source without touching the shared
 * work tree; its node_modules links to the workspace's, so the app's own build script runs as is.
 */
export async function copySampleApi(): Promise<SampleApiCopy> {
  const dir = join(await mkdtemp(join(tmpdir(), 'skylift-bench-container-')), 'sample-api');
  await cp(join(repoRoot, 'apps/sample-api'), dir, {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|dist)$/.test(source),
  });
  await symlink(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  // Its tsconfig extends the workspace's by a relative path, which esbuild reads while bundling.
  const tsconfig = join(dir, 'tsconfig.json');
  await writeFile(tsconfig, (await readFile(tsconfig, 'utf8')).replace('../../tsconfig.base.json', join(repoRoot, 'tsconfig.base.json')));
  return {
    dir,
    async bundle() {
      const { bundleServer } = (await import(pathToFileURL(join(dir, 'scripts/bundle.ts')).href)) as {
        bundleServer(): Promise<unknown>;
      };
      await bundleServer();
    },
    changeOneLine: (marker) => appendFile(join(dir, 'src/server.ts'), `(globalThis as Record<string, unknown>).skyliftBench = '${marker}';\n`),
    remove: () => rm(join(dir, '..'), { recursive: true, force: true }),
  };
}
