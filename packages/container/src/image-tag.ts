import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { ContextFile } from './secret-scan.ts';

/** Runs git with `args` in `cwd` and gives its stdout; rejects when git fails or is missing. */
export type GitRunner = (args: readonly string[], cwd: string) => Promise<string>;

export interface SourceState {
  /** Full commit sha of HEAD, or null outside a git work tree. */
  readonly revision: string | null;
  readonly shortRevision: string | null;
  /** Committer date of HEAD. */
  readonly commitTime: Date | null;
  /** `origin`'s URL when there is one (for `org.opencontainers.image.source`). */
  readonly remoteUrl: string | null;
  /** Files that differ from HEAD (or every context file outside git), each with a content hash. */
  readonly changed: readonly { path: string; sha256: string | null }[];
}

const execFileAsync = promisify(execFile);

export const runGit: GitRunner = async (args, cwd) =>
  (await execFileAsync('git', [...args], { cwd, maxBuffer: 64 * 1024 * 1024 })).stdout;

/**
 * What the image is built from: the commit, plus the uncommitted changes under `dir` (a dirty tree
 * must not reuse a clean tree's tag). Outside git, the context files themselves are the content.
 */
export async function readSourceState(
  dir: string,
  contextFiles: readonly ContextFile[],
  git: GitRunner = runGit,
): Promise<SourceState> {
  const top = await git(['rev-parse', '--show-toplevel'], dir).then((out) => out.trim(), () => null);
  if (top === null) {
    const changed = await Promise.all(
      contextFiles.map(async (file) => ({ path: file.path, sha256: sha256(await file.read()) })),
    );
    return { revision: null, shortRevision: null, commitTime: null, remoteUrl: null, changed };
  }
  const revision = await git(['rev-parse', 'HEAD'], dir).then((out) => out.trim(), () => null);
  const shortRevision = await git(['rev-parse', '--short', 'HEAD'], dir).then((out) => out.trim(), () => null);
  const commitTime = await git(['log', '-1', '--format=%cI'], dir).then((out) => (out.trim() ? new Date(out.trim()) : null), () => null);
  const remoteUrl = await git(['remote', 'get-url', 'origin'], dir).then((out) => out.trim() || null, () => null);
  const status = await git(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', relative(top, dir) || '.'], top);
  const changed = await Promise.all(
    changedPaths(status).map(async (path) => ({
      path,
      sha256: await readFile(join(top, path)).then(sha256, () => null),
    })),
  );
  return { revision, shortRevision, commitTime, remoteUrl, changed };
}

/** Paths in `git status --porcelain=v1 -z` output; a rename's second field is its old path. */
export function changedPaths(porcelain: string): string[] {
  const fields = porcelain.split('\0').filter((field) => field !== '');
  const paths: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    paths.push(field.slice(3));
    if (field[0] === 'R' || field[0] === 'C') paths.push(fields[++i]!);
  }
  return paths;
}

/**
 * The content-derived tag: the short commit when the tree is clean, `<short>-dirty-<hash>` when it
 * is not (the hash covers the changed files' contents, so the same edit gives the same tag), and
 * `local-<hash>` outside git.
 */
export function deriveImageTag(state: SourceState): string {
  if (state.shortRevision !== null && state.changed.length === 0) return state.shortRevision;
  const hash = createHash('sha256');
  for (const file of [...state.changed].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`${file.path}\0${file.sha256 ?? 'deleted'}\n`);
  }
  const digest = hash.digest('hex').slice(0, 12);
  return state.shortRevision === null ? `local-${digest}` : `${state.shortRevision}-dirty-${digest}`;
}

/**
 * The image's `created` date, from the source rather than the clock (the SOURCE_DATE_EPOCH idea):
 * the commit's date for a clean tree, else the newest context file's mtime. Rebuilding unchanged
 * source then hits the cache for the label steps too, giving the same image id and digest, so a
 * re-run of promote sees nothing new to deploy.
 */
export function sourceDate(state: SourceState, contextFiles: readonly ContextFile[]): Date {
  if (state.commitTime !== null && state.changed.length === 0) return state.commitTime;
  return new Date(Math.floor(Math.max(0, ...contextFiles.map((file) => file.mtimeMs)) / 1000) * 1000);
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
