import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { changedPaths, deriveImageTag, readSourceState, runGit, sourceDate, type SourceState } from './image-tag.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const clean: SourceState = {
  revision: 'abc1234def',
  shortRevision: 'abc1234',
  commitTime: new Date('2026-01-02T03:04:05Z'),
  remoteUrl: null,
  changed: [],
};

describe('deriveImageTag', () => {
  it('is the short commit for a clean tree', () => {
    expect(deriveImageTag(clean)).toBe('abc1234');
  });

  it('adds a hash of the changed files that depends on content, not order', () => {
    const a = { path: 'src/a.ts', sha256: '1'.repeat(64) };
    const b = { path: 'src/b.ts', sha256: null };
    const tag = deriveImageTag({ ...clean, changed: [a, b] });
    expect(tag).toMatch(/^abc1234-dirty-[0-9a-f]{12}$/);
    expect(deriveImageTag({ ...clean, changed: [b, a] })).toBe(tag);
    expect(deriveImageTag({ ...clean, changed: [{ ...a, sha256: '2'.repeat(64) }, b] })).not.toBe(tag);
  });

  it('hashes the content outside git', () => {
    expect(deriveImageTag({ ...clean, shortRevision: null, revision: null, commitTime: null, changed: [{ path: 'a', sha256: 'x' }] })).toMatch(
      /^local-[0-9a-f]{12}$/,
    );
  });
});

describe('sourceDate', () => {
  const files = [1_700_000_000_500, 1_600_000_000_000].map((mtimeMs, i) => ({
    path: `f${i}`,
    isSymlink: false,
    size: 1,
    mtimeMs,
    read: async () => Buffer.from('x'),
  }));

  it("is the commit's date for a clean tree", () => {
    expect(sourceDate(clean, files)).toEqual(clean.commitTime);
  });

  it('is the newest file, to the second, for a dirty tree or outside git', () => {
    const dirty = { ...clean, changed: [{ path: 'f0', sha256: null }] };
    expect(sourceDate(dirty, files).getTime()).toBe(1_700_000_000_000);
    expect(sourceDate({ ...dirty, commitTime: null }, files).getTime()).toBe(1_700_000_000_000);
  });
});

describe('changedPaths', () => {
  it('reads modified, untracked and renamed entries', () => {
    expect(changedPaths(' M src/a.ts\0?? new file.ts\0R  b.ts\0old-b.ts\0')).toEqual([
      'src/a.ts',
      'new file.ts',
      'b.ts',
      'old-b.ts',
    ]);
  });
});

describe('readSourceState (real git)', () => {
  it('sees only changes under the app directory and tags a dirty tree by its edit', async () => {
    const repo = await mkdtemp(join(tmpdir(), 'skylift-tag-'));
    dirs.push(repo);
    const app = join(repo, 'apps', 'api');
    await mkdir(app, { recursive: true });
    await writeFile(join(app, 'server.js'), 'v1\n');
    await writeFile(join(repo, 'README.md'), 'hi\n');
    const git = (...args: string[]) => runGit(['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], repo);
    await git('init', '-q');
    await git('add', '.');
    await git('commit', '-q', '-m', 'one');
    const head = (await git('rev-parse', '--short', 'HEAD')).trim();

    expect(deriveImageTag(await readSourceState(app, []))).toBe(head);
    await writeFile(join(repo, 'README.md'), 'changed outside the app\n');
    expect(deriveImageTag(await readSourceState(app, []))).toBe(head);

    await writeFile(join(app, 'server.js'), 'v2\n');
    const first = deriveImageTag(await readSourceState(app, []));
    expect(first).toMatch(new RegExp(`^${head}-dirty-[0-9a-f]{12}$`));
    expect(deriveImageTag(await readSourceState(app, []))).toBe(first);
    await writeFile(join(app, 'server.js'), 'v3\n');
    expect(deriveImageTag(await readSourceState(app, []))).not.toBe(first);
  });
});
