import type { StageIo } from './stage.ts';
import type { SiteSpec } from './ports.ts';
import type { CompareInput, CompareOutput } from './stages/compare.ts';
import { compareStage } from './stages/compare.ts';
import { NothingToRollBack } from './errors.ts';

/**
 * `--rollback-on-diff`: the site goes back to the image it ran before this promote, and the compare
 * runs again to show the old image still answers like the baseline. The ledger forgets the deploy
 * and live records, so promoting the same code again deploys it again instead of skipping.
 */
export async function rollBack(input: {
  io: StageIo;
  site: Omit<SiteSpec, 'image'>;
  timeoutMs: number;
  compareInput: CompareInput;
  url: string;
}): Promise<{ to: string; compare: CompareOutput; durationMs: number }> {
  const { io, site } = input;
  const previous = io.ledger.get().image.previous;
  if (!previous) throw NothingToRollBack(input.url);
  const started = io.clock.now().getTime();
  io.progress.start('rollback', `Roll back to ${previous.reference}`);
  try {
    const onProgress = (text: string) => io.progress.update('rollback', text);
    const { loginServer, repository, tag } = previous;
    await io.cloud.setImage({ ...site, image: { loginServer, repository, tag } }, onProgress);
    const deployedAt = io.clock.now().toISOString();
    await io.ledger.update((current) => {
      const { deploy: _deploy, live: _live, compare: _compare, ...stages } = current.stages;
      return { ...current, image: { current: { ...previous, deployedAt } }, stages };
    });
    await io.cloud.waitUntilLive(
      { resourceGroup: site.resourceGroup, site: site.name, healthPath: site.healthCheckPath, timeoutMs: input.timeoutMs },
      onProgress,
    );
  } catch (error) {
    io.progress.fail('rollback', io.clock.now().getTime() - started);
    throw error;
  }
  io.progress.done('rollback', io.clock.now().getTime() - started);
  const compareStarted = io.clock.now().getTime();
  io.progress.start('compare-again', 'Compare the rolled-back copy with the baseline');
  const compare = await compareStage.run(input.compareInput, io, (text) => io.progress.update('compare-again', text));
  io.progress.done('compare-again', io.clock.now().getTime() - compareStarted, compare.same ? 'same' : `${compare.differences} difference(s)`);
  return { to: previous.reference, compare, durationMs: io.clock.now().getTime() - started };
}
