import { build } from 'esbuild';
import type { BuildResult } from 'esbuild';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * The production artifact: one ESM file with fastify and the seed data inside, because containers
 * on these machines have no network for `npm ci`.
 */
export function bundleServer(outfile = `${packageDir}dist/server.mjs`): Promise<BuildResult> {
  return build({
    absWorkingDir: packageDir,
    entryPoints: ['src/server.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    logLevel: 'warning',
    // fastify's CommonJS dependencies call require() for node builtins, which an ESM file lacks.
    banner: { js: "import { createRequire as __skyliftCreateRequire } from 'node:module'; const require = __skyliftCreateRequire(import.meta.url);" },
  });
}
