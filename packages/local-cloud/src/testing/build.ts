import type Docker from 'dockerode';
import { pack } from 'tar-fs';
import { followProgress } from '../docker-progress.ts';

/**
 * A plain `docker build` of a directory: the whole directory but node_modules is the context.
 * Enough for tests and the demo; @skylift/container owns the real context packer (.dockerignore,
 * secret scan).
 */
export async function buildDirectory(
  docker: Docker,
  options: { directory: string; tag: string; buildArgs?: Record<string, string>; labels?: Record<string, string> },
): Promise<{ imageId: string }> {
  const context = pack(options.directory, { ignore: (name) => name.split(/[\\/]/).includes('node_modules') });
  const stream = await docker.buildImage(context, { t: options.tag, buildargs: options.buildArgs, labels: options.labels, rm: true, forcerm: true });
  await followProgress(docker, stream);
  const { Id } = await docker.getImage(options.tag).inspect();
  return { imageId: Id };
}
