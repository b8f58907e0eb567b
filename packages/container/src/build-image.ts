import type Docker from 'dockerode';
import { performance } from 'node:perf_hooks';
import { prepareBuildContext, type BuildContextOptions } from './build-context.ts';
import { BuildTracker, type BuildProgress } from './build-progress.ts';
import { engineError, engineMessage, engineStatus } from './engine.ts';
import { readEngineMessages } from './engine-messages.ts';
import { BuildRejected } from './errors.ts';
import { deriveImageTag, readSourceState, runGit, sourceDate, type GitRunner } from './image-tag.ts';

export interface BuildImageOptions extends BuildContextOptions {
  /** The app's directory: the build context. */
  contextDir: string;
  /** Image name without a tag, e.g. `sample-api`. */
  repository: string;
  /** Value of the `skylift.project` label; defaults to `repository`. */
  project?: string;
  /** `--build-arg`s, e.g. `{ BASE_IMAGE: 'node:24-slim' }`. */
  buildArgs?: Readonly<Record<string, string>>;
  /** Multi-stage target to stop at. */
  target?: string;
  /** Extra labels (they win over the standard ones). */
  labels?: Readonly<Record<string, string>>;
  noCache?: boolean;
  /** Overrides `org.opencontainers.image.created` (default: the source's date, see `sourceDate`). */
  created?: Date;
  git?: GitRunner;
}

export interface BuiltImage {
  /** `sha256:…` */
  imageId: string;
  /** The content-derived tag (`<sha>`, `<sha>-dirty-<hash>` or `local-<hash>`). */
  tag: string;
  /** `repository:tag` and `repository:latest`. */
  references: string[];
  revision: string | null;
  labels: Record<string, string>;
  steps: number;
  cachedSteps: number;
  durationMs: number;
  context: { files: number; bytes: number };
}

/**
 * `docker build` through the engine API: the context is checked for secrets before a byte is
 * sent, the image is labelled with where it came from, and tagged by its content and `latest`.
 */
export async function buildImage(
  docker: Docker,
  options: BuildImageOptions,
  onProgress: (event: BuildProgress) => void = () => {},
): Promise<BuiltImage> {
  const started = performance.now();
  const context = await prepareBuildContext(options.contextDir, options);
  const source = await readSourceState(options.contextDir, context.files, options.git ?? runGit);
  const tag = deriveImageTag(source);
  const labels: Record<string, string> = {
    'org.opencontainers.image.created': (options.created ?? sourceDate(source, context.files)).toISOString(),
    ...(source.revision ? { 'org.opencontainers.image.revision': source.revision } : {}),
    ...(source.remoteUrl ? { 'org.opencontainers.image.source': source.remoteUrl } : {}),
    'skylift.project': options.project ?? options.repository,
    ...options.labels,
  };
  onProgress({ type: 'context', files: context.files.length, bytes: context.bytes });

  const stream = await docker
    .buildImage(context.pack(), {
      t: `${options.repository}:${tag}`,
      dockerfile: context.dockerfile,
      buildargs: { ...options.buildArgs },
      labels,
      ...(options.target ? { target: options.target } : {}),
      nocache: options.noCache ?? false,
      // Base images are local (or already pulled by the user); never reach out during a build.
      pull: false,
      rm: true,
      forcerm: true,
    })
    .catch((error: unknown) => {
      throw engineStatus(error) === undefined ? engineError(docker, error) : BuildRejected(engineMessage(error));
    });
  const tracker = new BuildTracker(onProgress);
  for await (const message of readEngineMessages(stream)) tracker.accept(message);
  const summary = tracker.summary();
  if (summary.imageId === undefined) throw BuildRejected('the build stream ended without an image id');

  await docker.getImage(summary.imageId).tag({ repo: options.repository, tag: 'latest' });
  return {
    imageId: summary.imageId,
    tag,
    references: [`${options.repository}:${tag}`, `${options.repository}:latest`],
    revision: source.revision,
    labels,
    steps: summary.steps,
    cachedSteps: summary.cachedSteps,
    durationMs: Math.round(performance.now() - started),
    context: { files: context.files.length, bytes: context.bytes },
  };
}
