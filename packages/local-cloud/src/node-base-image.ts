import type Docker from 'dockerode';
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { pack as tarPack, type Pack } from 'tar-stream';
import { messageOf } from '@skylift/core';
import type { ProgressSink } from './debian-packages.ts';
import { NodeBaseImageFailed } from './errors.ts';
import { withFileLock } from './lock.ts';
import { localCloudDir } from './paths.ts';
import { followProgress } from './docker-progress.ts';

export const NODE_BASE_REPOSITORY = 'skylift-local/node';

export function nodeBaseImageTag(nodeVersion: string = process.versions.node): string {
  return `${NODE_BASE_REPOSITORY}:${nodeVersion}`;
}

/**
 * The shared objects `ldd` says a binary needs, including the dynamic loader, at the paths the
 * binary will look for them. The vDSO has no file; a "not found" line means the image could not run.
 */
export function parseLdd(output: string): string[] {
  const paths: string[] = [];
  for (const line of output.split('\n').map((text) => text.trim())) {
    if (line === '' || line.includes('statically linked')) continue;
    if (line.includes('=> not found')) throw NodeBaseImageFailed(`ldd: ${line}`);
    const target = line.match(/=>\s+(\/\S+)/)?.[1] ?? line.match(/^(\/\S+)\s+\(/)?.[1];
    if (target && !paths.includes(target)) paths.push(target);
  }
  return paths;
}

/** File entries of the image: where it goes in the image, and where its bytes come from. */
export interface RootfsFile {
  readonly path: string;
  readonly source: string;
  readonly mode: number;
}

// The official node images run as `node` (uid 1000): Dockerfiles written for them say `USER node`.
const PASSWD = 'root:x:0:0:root:/root:/sbin/nologin\nnode:x:1000:1000::/home/node:/sbin/nologin\n';
const GROUP = 'root:x:0:\nnode:x:1000:\n';

/** Directories every entry needs, parents first: a tar for `docker import` carries its own tree. */
export function parentDirectories(paths: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const path of paths) {
    for (let dir = posix.dirname(path); dir !== '/'; dir = posix.dirname(dir)) dirs.add(dir);
  }
  return [...dirs].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
}

export async function nodeRootfsFiles(nodePath: string = process.execPath): Promise<RootfsFile[]> {
  const binary = await realpath(nodePath);
  const ldd = await new Promise<string>((resolve, reject) =>
    execFile('ldd', [binary], (error, stdout) => (error ? reject(NodeBaseImageFailed(`ldd ${binary}: ${messageOf(error)}`)) : resolve(stdout))),
  );
  const libraries = await Promise.all(
    parseLdd(ldd).map(async (path) => ({ path, source: await realpath(path), mode: 0o755 })),
  );
  return [{ path: '/usr/local/bin/node', source: binary, mode: 0o755 }, ...libraries];
}

async function addFile(pack: Pack, file: RootfsFile): Promise<void> {
  const { size } = await stat(file.source);
  await new Promise<void>((resolve, reject) => {
    const entry = pack.entry({ name: file.path.slice(1), size, mode: file.mode, type: 'file' }, (error) => (error ? reject(error) : resolve()));
    createReadStream(file.source).on('error', reject).pipe(entry);
  });
}

/** Streams the rootfs tar into `pack` (a producer that `docker import` consumes as it goes). */
async function writeRootfs(pack: Pack, files: readonly RootfsFile[]): Promise<void> {
  const text = [
    { path: '/etc/passwd', body: PASSWD },
    { path: '/etc/group', body: GROUP },
  ];
  const dirs = parentDirectories([...files.map((file) => file.path), ...text.map((file) => file.path)]);
  for (const dir of dirs) pack.entry({ name: `${dir.slice(1)}/`, type: 'directory', mode: 0o755 });
  pack.entry({ name: 'tmp/', type: 'directory', mode: 0o1777 });
  pack.entry({ name: 'home/node/', type: 'directory', mode: 0o755, uid: 1000, gid: 1000 });
  for (const file of text) pack.entry({ name: file.path.slice(1), mode: 0o644 }, file.body);
  for (const file of files) await addFile(pack, file);
  pack.finalize();
}

export const NODE_BASE_CHANGES = ['ENV PATH=/usr/local/bin:/usr/bin:/bin', 'CMD ["node"]'];

/**
 * A Node base image made from this machine's own node binary and the libraries it links, via
 * `docker import`: nothing can be pulled from Docker Hub here. It has no shell, so Dockerfiles
 * built on it use exec-form RUN/CMD only. Skipped in one inspect call when the tag exists.
 */
export async function ensureNodeBaseImage(
  docker: Docker,
  options: { onProgress?: ProgressSink; dir?: string } = {},
): Promise<{ image: string; created: boolean }> {
  const image = nodeBaseImageTag();
  if (await imageExists(docker, image)) return { image, created: false };
  return withFileLock(join(options.dir ?? localCloudDir(), 'node-base-image.lock'), async () => {
    if (await imageExists(docker, image)) return { image, created: false };
    options.onProgress?.(`making ${image} from ${dirname(await realpath(process.execPath))}/node and its libraries`);
    const files = await nodeRootfsFiles();
    const pack = tarPack();
    const [repo, tag] = image.split(':') as [string, string];
    const written = writeRootfs(pack, files).catch((error: unknown) => {
      pack.destroy(error as Error);
      throw error;
    });
    try {
      const progress = await docker.importImage(pack, { repo, tag, changes: NODE_BASE_CHANGES });
      await followProgress(docker, progress);
      await written;
    } catch (error) {
      throw NodeBaseImageFailed(messageOf(error));
    }
    return { image, created: true };
  });
}

async function imageExists(docker: Docker, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}
