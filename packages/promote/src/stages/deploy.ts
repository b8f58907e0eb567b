import type { Stage } from '../stage.ts';
import type { SiteSpec } from '../ports.ts';
import type { ImageRecord } from '../ledger-section.ts';

export interface DeployInput {
  readonly site: Omit<SiteSpec, 'image'>;
  readonly siteId: string;
  readonly image: Omit<ImageRecord, 'deployedAt'>;
}

export interface DeployOutput {
  readonly reference: string;
  /** What the site ran before, kept for `--rollback-on-diff`. */
  readonly previous?: string;
}

/** Swaps the site's image; the ledger keeps the one it replaced so a rollback knows where to go back. */
export const deployStage: Stage<DeployInput, DeployOutput> = {
  name: 'deploy',
  title: 'Deploy the image',
  key: (input) => `${input.image.reference}@${input.image.digest}|${input.siteId}`,
  async run(input, io, onProgress) {
    const { loginServer, repository, tag } = input.image;
    await io.cloud.setImage({ ...input.site, image: { loginServer, repository, tag } }, onProgress);
    const deployedAt = io.clock.now().toISOString();
    const section = await io.ledger.update((current) => {
      const before = current.image.current;
      const replaced = before && before.digest !== input.image.digest ? before : current.image.previous;
      return {
        ...current,
        image: { current: { ...input.image, deployedAt }, ...(replaced ? { previous: replaced } : {}) },
      };
    });
    const previous = section.image.previous?.reference;
    return { reference: input.image.reference, ...(previous ? { previous } : {}) };
  },
};
