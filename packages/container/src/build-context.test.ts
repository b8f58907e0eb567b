import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-fs';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareBuildContext } from './build-context.ts';
import { ContextHasSecrets, DockerfileMissing } from './errors.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function appDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'skylift-context-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

/** What the engine would see: the tar unpacked, listed. */
async function tarNames(stream: NodeJS.ReadableStream): Promise<string[]> {
  const out = await mkdtemp(join(tmpdir(), 'skylift-context-out-'));
  dirs.push(out);
  await pipeline(stream, tar.extract(out));
  return (await readdir(out, { recursive: true })).sort();
}

describe('prepareBuildContext', () => {
  it('sends what .dockerignore keeps, re-including an exception inside an ignored directory', async () => {
    const dir = await appDir({
      Dockerfile: 'FROM scratch\n',
      '.dockerignore': '# only the bundle\n*\n!dist/server.mjs\n',
      'dist/server.mjs': 'console.log(1)\n',
      'dist/server.mjs.map': '{}',
      'src/app.ts': 'export {}\n',
    });
    const context = await prepareBuildContext(dir);
    expect(context.files.map((f) => f.path)).toEqual(['.dockerignore', 'Dockerfile', 'dist/server.mjs']);
    expect(context.bytes).toBe(Buffer.byteLength('# only the bundle\n*\n!dist/server.mjs\n') + 13 + 15);
    expect(await tarNames(context.pack())).toEqual(['.dockerignore', 'Dockerfile', 'dist', 'dist/server.mjs']);
  });

  it('keeps directories that are not ignored and skips ignored trees', async () => {
    const dir = await appDir({
      Dockerfile: 'FROM scratch\n',
      '.dockerignore': 'node_modules\n**/*.log\n',
      'node_modules/x/index.js': '',
      'src/a.ts': 'a',
      'src/debug.log': 'log',
    });
    const context = await prepareBuildContext(dir);
    expect(context.files.map((f) => f.path)).toEqual(['.dockerignore', 'Dockerfile', 'src/a.ts']);
    expect(await tarNames(context.pack())).toEqual(['.dockerignore', 'Dockerfile', 'src', 'src/a.ts']);
  });

  it('refuses a context that would send a .env file, naming it and the fix', async () => {
    const dir = await appDir({ Dockerfile: 'FROM scratch\n', '.env': 'TOKEN=1\n', 'src/a.ts': '' });
    const error = await prepareBuildContext(dir).catch((e: unknown) => e);
    expect(ContextHasSecrets.is(error)).toBe(true);
    expect((error as Error).message).toContain('.env (dotenv file)');
    expect((error as Error).message).toContain(`${dir}/.dockerignore`);
  });

  it('accepts the same context once .dockerignore excludes the secret, or allowFiles names it', async () => {
    const ignored = await appDir({ Dockerfile: 'FROM scratch\n', '.env': 'TOKEN=1\n', '.dockerignore': '.env*\n' });
    expect((await prepareBuildContext(ignored)).files.map((f) => f.path)).toEqual(['.dockerignore', 'Dockerfile']);
    const allowed = await appDir({ Dockerfile: 'FROM scratch\n', '.env.example': 'TOKEN=\n' });
    const context = await prepareBuildContext(allowed, { allowFiles: ['./.env.example'] });
    expect(context.files.map((f) => f.path)).toContain('.env.example');
  });

  it('scans symlinks by name without following them', async () => {
    const dir = await appDir({ Dockerfile: 'FROM scratch\n' });
    await symlink('/nonexistent/id_rsa', join(dir, 'id_rsa'));
    const error = await prepareBuildContext(dir).catch((e: unknown) => e);
    expect((error as Error).message).toContain('id_rsa (SSH private key)');
  });

  it('needs the Dockerfile inside the context', async () => {
    const dir = await appDir({ 'src/a.ts': '' });
    expect(DockerfileMissing.is(await prepareBuildContext(dir).catch((e: unknown) => e))).toBe(true);
    expect(DockerfileMissing.is(await prepareBuildContext(dir, { dockerfile: '../Dockerfile' }).catch((e: unknown) => e))).toBe(true);
  });
});
