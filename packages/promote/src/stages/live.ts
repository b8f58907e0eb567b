import type { Stage } from '../stage.ts';

export interface LiveInput {
  readonly resourceGroup: string;
  readonly site: string;
  readonly siteId: string;
  readonly reference: string;
  readonly healthPath: string;
  readonly timeoutMs: number;
}

export interface LiveOutput {
  /** The site's base URL, read from Azure (`https://<defaultHostName>`). */
  readonly url: string;
  readonly afterMs: number;
}

export const liveStage: Stage<LiveInput, LiveOutput> = {
  name: 'live',
  title: 'Wait until the cloud copy answers',
  key: (input) => `${input.reference}|${input.siteId}${input.healthPath}`,
  async run(input, io, onProgress) {
    const { url, afterMs } = await io.cloud.waitUntilLive(input, onProgress);
    await io.ledger.update((current) => ({ ...current, url }));
    return { url, afterMs };
  },
};
