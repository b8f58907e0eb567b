import ignore from '@balena/dockerignore';
import type { Dirent } from 'node:fs';
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import tar from 'tar-fs';
import { ContextDirMissing, ContextHasSecrets, DockerfileMissing } from './errors.ts';
import { normaliseContextPath, scanForSecrets, type ContextFile } from './secret-scan.ts';

export interface BuildContextOptions {
  /** Dockerfile path inside the context; default `Dockerfile`. */
  dockerfile?: string;
  /** Context paths the user deliberately sends although they look like secrets. */
  allowFiles?: readonly string[];
}

export interface BuildContext {
  readonly dir: string;
  readonly dockerfile: string;
  /** Files (and symlinks) that are sent, relative with `/`, in the order they are packed. */
  readonly files: readonly ContextFile[];
  readonly bytes: number;
  /** A fresh tar stream of exactly `files` (plus the directories that are not ignored). */
  pack(): Readable;
}

/**
 * Lists what `docker build` would send for `dir` — `.dockerignore` applied with Docker's own
 * semantics by @balena/dockerignore — and refuses when any of it looks like a secret.
 */
export async function prepareBuildContext(dir: string, options: BuildContextOptions = {}): Promise<BuildContext> {
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) throw ContextDirMissing(dir);
  const requested = options.dockerfile ?? 'Dockerfile';
  const dockerfile = normaliseContextPath(isAbsolute(requested) ? relative(dir, requested) : requested);
  if (dockerfile.startsWith('../') || !(await stat(join(dir, dockerfile)).catch(() => undefined))?.isFile()) {
    throw DockerfileMissing(dockerfile, dir);
  }
  const patterns = await readDockerignore(dir);
  const { files, dirs } = await walkContext(dir, patterns, new Set([dockerfile, '.dockerignore']));
  const findings = await scanForSecrets(files, options.allowFiles);
  if (findings.length > 0) throw ContextHasSecrets(dir, findings);
  const entries = [...dirs, ...files.map((file) => file.path)].sort();
  return {
    dir,
    dockerfile,
    files,
    bytes: files.reduce((sum, file) => sum + file.size, 0),
    // `entries` is the exact list; ignoring every child stops tar-fs from walking directories again.
    pack: () => tar.pack(dir, { entries, ignore: () => true }),
  };
}

/** The patterns of `.dockerignore`, read the way the Docker CLI does (comments and blanks dropped). */
async function readDockerignore(dir: string): Promise<string[]> {
  const text = await readFile(join(dir, '.dockerignore'), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  return text
    .split(/\r?\n/)
    .filter((line) => !line.startsWith('#'))
    .map((line) => line.trim())
    .filter((line) => line !== '' && line !== '!');
}

async function walkContext(
  root: string,
  patterns: readonly string[],
  alwaysSent: ReadonlySet<string>,
): Promise<{ files: ContextFile[]; dirs: string[] }> {
  const matcher = ignore().add([...patterns]);
  const exceptions = patterns
    .filter((pattern) => pattern.startsWith('!'))
    .map((pattern) => normaliseContextPath(pattern.slice(1).replace(/^\/+/, '')));
  const files: ContextFile[] = [];
  const dirs: string[] = [];

  const visit = async (relDir: string): Promise<void> => {
    const entries: Dirent[] = await readdir(join(root, relDir), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
      const ignored = matcher.ignores(path) && !alwaysSent.has(path);
      if (entry.isDirectory()) {
        if (!ignored) dirs.push(path);
        if (!ignored || mayHoldException(path, exceptions)) await visit(path);
      } else if (!ignored && (entry.isFile() || entry.isSymbolicLink())) {
        const info = await lstat(join(root, path));
        files.push({
          path,
          isSymlink: info.isSymbolicLink(),
          size: info.isSymbolicLink() ? 0 : info.size,
          mtimeMs: info.mtimeMs,
          read: () => readFile(join(root, path)),
        });
      }
    }
  };
  await visit('');
  return { files, dirs };
}

/**
 * Docker walks into an ignored directory only when an exception (`!dir/file`) starts with it; we do
 * the same, and also for exceptions that start with `**`, which can match anywhere.
 */
function mayHoldException(dir: string, exceptions: readonly string[]): boolean {
  return exceptions.some((pattern) => `${pattern}/`.startsWith(`${dir}/`) || pattern.startsWith('**'));
}
