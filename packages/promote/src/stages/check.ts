import type { Stage } from '../stage.ts';
import type { BuiltImage } from '../ports.ts';

export interface CheckInput {
  readonly image: BuiltImage;
  readonly healthPath: string;
}

export interface CheckOutput {
  readonly imageId: string;
  readonly healthyAfterMs: number;
}

/** The seed tutorial's `docker run` and look: a broken image stops here, before anything is paid for. */
export const checkStage: Stage<CheckInput, CheckOutput> = {
  name: 'check',
  title: 'Check the container locally',
  key: (input) => `${input.image.imageId}|${input.healthPath}`,
  async run(input, io, onProgress) {
    const { healthyAfterMs } = await io.container.check(input, onProgress);
    return { imageId: input.image.imageId, healthyAfterMs };
  },
};
