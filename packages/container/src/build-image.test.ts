import Docker from 'dockerode';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildImage } from './build-image.ts';
import type { BuildProgress } from './build-progress.ts';
import { BuildRejected, BuildStepFailed, ContextHasSecrets, DockerUnreachable } from './errors.ts';
import { runGit } from './image-tag.ts';
import { useEngineWorkspace } from './testing/engine-workspace.ts';
import { SERVER_DOCKERFILE, TEST_LABELS, serverSource, uniqueName } from './testing/fixtures.ts';

const engine = await useEngineWorkspace();
const { docker, workspace } = engine;

async function build(contextDir: string, repository: string, extra: { target?: string; onProgress?: (e: BuildProgress) => void } = {}) {
  const built = await buildImage(
    docker,
    { contextDir, repository, project: 'demo', buildArgs: { BASE_IMAGE: engine.baseImage }, labels: TEST_LABELS, target: extra.target },
    extra.onProgress,
  );
  // By id too: a rebuild moves the tags, leaving the previous image untagged.
  workspace.image(built.imageId);
  return built;
}

describe('buildImage on the real engine', () => {
  it('tags by content and latest, labels the image, and reports steps and cache hits', async () => {
    const dir = await workspace.app({ Dockerfile: SERVER_DOCKERFILE, 'server.mjs': serverSource() });
    const repository = uniqueName('skylift-test/build');
    const events: BuildProgress[] = [];
    const first = await build(dir, repository, { onProgress: (event) => events.push(event) });

    expect(first.tag).toMatch(/^local-[0-9a-f]{12}$/);
    expect(first.references).toEqual([`${repository}:${first.tag}`, `${repository}:latest`]);
    const info = await docker.getImage(`${repository}:${first.tag}`).inspect();
    expect(info.Id).toBe(first.imageId);
    expect((await docker.getImage(`${repository}:latest`).inspect()).Id).toBe(first.imageId);
    expect(info.Config.Labels).toMatchObject({ 'skylift.project': 'demo', 'skylift.test': '1' });
    // Outside git the image's date is its newest file's, so it does not change when nothing does.
    const newest = Math.max(...(await Promise.all(['Dockerfile', 'server.mjs'].map((f) => stat(join(dir, f))))).map((s) => s.mtimeMs));
    expect(info.Config.Labels['org.opencontainers.image.created']).toBe(new Date(Math.floor(newest / 1000) * 1000).toISOString());
    expect(events[0]).toEqual({ type: 'context', files: 2, bytes: expect.any(Number) });
    const steps = events.filter((event) => event.type === 'step');
    expect(steps[0]).toMatchObject({ step: 1, instruction: 'ARG BASE_IMAGE' });
    expect(steps.some((event) => event.type === 'step' && event.instruction === 'COPY server.mjs ./')).toBe(true);

    // Same content again: every step after FROM comes from the cache, so the very same image.
    const again = await build(dir, repository);
    expect(again.tag).toBe(first.tag);
    expect(again.imageId).toBe(first.imageId);
    expect(again.cachedSteps).toBe(again.steps - 2);
  }, 120_000);

  it('in a git work tree: tags with the commit, labels the revision, and re-tags a dirty tree by its edit', async () => {
    const dir = await workspace.app({ Dockerfile: SERVER_DOCKERFILE, 'server.mjs': serverSource() });
    const git = (...args: string[]) => runGit(['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], dir);
    await git('init', '-q');
    await git('remote', 'add', 'origin', 'https://example.com/acme/api.git');
    await git('add', '.');
    await git('commit', '-q', '-m', 'first');
    const revision = (await git('rev-parse', 'HEAD')).trim();
    const repository = uniqueName('skylift-test/git');

    const clean = await build(dir, repository);
    expect(clean.tag).toBe((await git('rev-parse', '--short', 'HEAD')).trim());
    expect(clean.labels).toMatchObject({
      'org.opencontainers.image.revision': revision,
      'org.opencontainers.image.source': 'https://example.com/acme/api.git',
      'org.opencontainers.image.created': new Date((await git('log', '-1', '--format=%cI')).trim()).toISOString(),
    });
    expect((await build(dir, repository)).imageId).toBe(clean.imageId);

    await writeFile(join(dir, 'server.mjs'), serverSource({ marker: 'v2' }));
    const dirty = await build(dir, repository);
    expect(dirty.tag).toMatch(new RegExp(`^${clean.tag}-dirty-[0-9a-f]{12}$`));
    expect(dirty.imageId).not.toBe(clean.imageId);
  }, 120_000);

  it('builds the requested target stage', async () => {
    const dir = await workspace.app({
      Dockerfile: 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE} AS first\nLABEL stage=first\nFROM ${BASE_IMAGE}\nLABEL stage=final\n',
    });
    const built = await build(dir, uniqueName('skylift-test/target'), { target: 'first' });
    expect((await docker.getImage(built.imageId).inspect()).Config.Labels).toMatchObject({ stage: 'first' });
  }, 60_000);

  it('names the failing Dockerfile step and shows its output', async () => {
    const dir = await workspace.app({
      Dockerfile: [
        'ARG BASE_IMAGE',
        'FROM ${BASE_IMAGE}',
        `RUN ["node", "-e", "console.log('compiling ${uniqueName('x')}'); console.error('boom: cannot find module ./missing.js'); process.exit(3)"]`,
        '',
      ].join('\n'),
    });
    const error = await build(dir, uniqueName('skylift-test/broken')).catch((e: unknown) => e);
    expect(BuildStepFailed.is(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(/^image build failed at Step 3\/\d+ \(RUN \["node", "-e",/);
    expect(message).toContain('returned a non-zero code: 3');
    expect(message).toContain('boom: cannot find module ./missing.js');
  }, 60_000);

  it('turns a Dockerfile the engine cannot parse into a typed error', async () => {
    const dir = await workspace.app({ Dockerfile: 'FROM scratch\nFOO bar\n' });
    const error = await build(dir, uniqueName('skylift-test/unparsable')).catch((e: unknown) => e);
    expect(BuildRejected.is(error)).toBe(true);
    expect((error as Error).message).toContain('unknown instruction: FOO');
  });

  it('refuses a context with a .env before talking to any engine', async () => {
    const dir = await workspace.app({ Dockerfile: SERVER_DOCKERFILE, 'server.mjs': serverSource(), '.env': 'SECRET=1\n' });
    const nowhere = new Docker({ socketPath: '/nonexistent/docker.sock' });
    const error = await buildImage(nowhere, { contextDir: dir, repository: 'skylift-test/never' }).catch((e: unknown) => e);
    expect(ContextHasSecrets.is(error)).toBe(true);
    expect((error as Error).message).toContain('.env (dotenv file)');
  });

  it('says how to start an engine when none answers', async () => {
    const dir = await workspace.app({ Dockerfile: SERVER_DOCKERFILE, 'server.mjs': serverSource() });
    const nowhere = new Docker({ socketPath: '/nonexistent/docker.sock' });
    const error = await buildImage(nowhere, { contextDir: dir, repository: 'skylift-test/never' }).catch((e: unknown) => e);
    expect(DockerUnreachable.is(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain('unix:///nonexistent/docker.sock');
    expect(message).toMatch(/Docker Desktop.*dockerd.*DOCKER_HOST/);
  });
});
