import type { Stage } from '../stage.ts';
import type { BuiltImage } from '../ports.ts';

export interface PushInput {
  readonly image: BuiltImage;
  readonly loginServer: string;
  readonly repository: string;
}

export interface PushOutput {
  readonly digest: string;
  /** `<loginServer>/<repository>:<tag>`. */
  readonly reference: string;
  readonly bytesPushed: number;
  readonly layersPushed: number;
  readonly layersSkipped: number;
}

export const pushStage: Stage<PushInput, PushOutput> = {
  name: 'push',
  title: 'Push to the registry',
  key: (input) => `${input.image.imageId}|${input.loginServer}/${input.repository}:${input.image.tag}`,
  async run(input, io, onProgress) {
    // Fetched per push and kept in this closure only: the token never reaches the ledger or output.
    const auth = await io.cloud.registryAuth({ loginServer: input.loginServer });
    const pushed = await io.container.push(
      { image: input.image, repository: input.repository, registry: input.loginServer, auth },
      onProgress,
    );
    return { ...pushed, reference: `${input.loginServer}/${input.repository}:${input.image.tag}` };
  },
};
