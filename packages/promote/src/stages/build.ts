import type { Stage } from '../stage.ts';
import type { BuiltImage } from '../ports.ts';

export interface BuildInput {
  readonly contextDir: string;
  readonly dockerfile?: string;
  readonly project: string;
}

/**
 * Always runs: building is how a code change is noticed, and the engine's layer cache makes an
 * unchanged rebuild a no-op that returns the same image id (so every later stage is skipped).
 */
export const buildStage: Stage<BuildInput, BuiltImage> = {
  name: 'build',
  title: 'Build the image',
  key: () => undefined,
  run: (input, io, onProgress) => io.container.build(input, onProgress),
};
