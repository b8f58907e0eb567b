import type Docker from 'dockerode';
import { inspectImage, rethrowImageNotFound, withEngine } from './engine.ts';

export interface ImageLayer {
  /** The Dockerfile instruction (or import) that made the layer. */
  createdBy: string;
  /** Uncompressed bytes the layer adds; 0 for metadata-only steps (ENV, CMD, …). */
  size: number;
  created: Date;
}

/** The image's layers, base first, with their sizes (`docker history`). */
export async function listImageLayers(docker: Docker, image: string): Promise<ImageLayer[]> {
  const history = await withEngine(docker, () => docker.getImage(image).history()).catch(rethrowImageNotFound(image));
  return (history as { CreatedBy: string; Size: number; Created: number }[])
    .map((entry) => ({ createdBy: entry.CreatedBy, size: entry.Size, created: new Date(entry.Created * 1000) }))
    .reverse();
}

/** Total image size and what it adds on top of `baseImage` (the app's own layers). */
export async function imageSizeOverBase(
  docker: Docker,
  image: string,
  baseImage: string,
): Promise<{ imageBytes: number; baseBytes: number; appBytes: number }> {
  const size = async (name: string) => (await inspectImage(docker, name)).Size;
  const [imageBytes, baseBytes] = await Promise.all([size(image), size(baseImage)]);
  return { imageBytes, baseBytes, appBytes: imageBytes - baseBytes };
}
