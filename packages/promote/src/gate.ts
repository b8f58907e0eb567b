import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PromoteOptions } from './options.ts';
import type { BuiltImage, RunningContainer, SiteSpec } from './ports.ts';
import type { StageIo, StageOutcome } from './stage.ts';
import { runStage } from './stage.ts';
import type { BaselineKind, CompareOutput } from './stages/compare.ts';
import { compareStage } from './stages/compare.ts';
import { readShareSection } from './ledger-section.ts';
import { chooseBaseline, processAlive } from './baseline.ts';
import { rollBack } from './rollback.ts';

export interface GateOutcome {
  readonly baseline: { readonly kind: BaselineKind; readonly url: string };
  readonly compared: StageOutcome<CompareOutput>;
  readonly rollback?: { readonly from: string; readonly to: string; readonly compare: CompareOutput; readonly durationMs: number };
}

/**
 * Compare as the gate: the cloud copy against the running share, else `--baseline`, else the image
 * just built run locally; with `--rollback-on-diff`, a difference puts the previous image back.
 */
export async function passGate(input: {
  options: PromoteOptions;
  io: StageIo & { isAlive?: (pid: number) => boolean };
  built: BuiltImage;
  site: Omit<SiteSpec, 'image'>;
  url: string;
  deployed: string;
  startedAt: Date;
}): Promise<GateOutcome> {
  const { options, io } = input;
  const share = await readShareSection(options.projectDir);
  const choice = chooseBaseline({ share, flag: options.baseline, isAlive: io.isAlive ?? processAlive });
  let local: RunningContainer | undefined;
  if (!choice.url) local = await io.container.run({ image: input.built, healthPath: options.healthPath });
  try {
    const baseline = { kind: choice.kind, url: choice.url ?? local?.url ?? '' };
    const defaultSuite = join(options.projectDir, 'skylift.suite.yaml');
    const suitePath = options.suitePath ?? (existsSync(defaultSuite) ? defaultSuite : undefined);
    const stamp = input.startedAt.toISOString().replace(/[:.]/g, '-');
    const compareInput = {
      baseline: baseline.url,
      baselineKind: choice.kind,
      candidate: input.url,
      ...(suitePath ? { suitePath } : choice.capturePath ? { capturePath: choice.capturePath } : {}),
      htmlReport: options.htmlReport ?? join(options.projectDir, '.skylift', 'reports', `promote-${stamp}.html`),
    };
    const compared = await runStage(compareStage, compareInput, io);
    if (compared.output.same || !options.rollbackOnDiff) return { baseline, compared };
    const back = await rollBack({ io, site: input.site, timeoutMs: options.liveTimeoutMs, compareInput, url: input.url });
    return { baseline, compared, rollback: { from: input.deployed, ...back } };
  } finally {
    await local?.stop();
  }
}
