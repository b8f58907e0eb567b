import type { Stage } from '../stage.ts';
import type { CompareSummary } from '../ports.ts';

export interface CompareInput {
  readonly baseline: string;
  readonly baselineKind: BaselineKind;
  readonly candidate: string;
  readonly suitePath?: string;
  readonly capturePath?: string;
  readonly htmlReport?: string;
}

export type BaselineKind = 'share' | 'flag' | 'local-container';

export interface CompareOutput extends CompareSummary {
  readonly baseline: string;
  readonly baselineKind: BaselineKind;
  readonly candidate: string;
}

/**
 * The gate. Always runs (no key): its answer depends on the baseline as it is now, which can change
 * without anything in this project changing.
 */
export const compareStage: Stage<CompareInput, CompareOutput> = {
  name: 'compare',
  title: 'Compare the cloud copy with the baseline',
  key: () => undefined,
  async run(input, io, onProgress) {
    const summary = await io.compare.compare(
      {
        baseline: input.baseline,
        candidate: input.candidate,
        ...(input.suitePath ? { suitePath: input.suitePath } : {}),
        ...(input.capturePath ? { capturePath: input.capturePath } : {}),
        ...(input.htmlReport ? { htmlReport: input.htmlReport } : {}),
      },
      onProgress,
    );
    return { ...summary, baseline: input.baseline, baselineKind: input.baselineKind, candidate: input.candidate };
  },
};
