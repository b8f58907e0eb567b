import type { PriceTable } from './prices.ts';
import type { PromoteOptions } from './options.ts';
import { validateOptions } from './options.ts';
import type { PromotePlan } from './plan.ts';
import { planPromote } from './plan.ts';
import type { Clock, CloudPort, ComparePort, ContainerPort } from './ports.ts';
import type { ProgressSink } from './progress.ts';
import type { PromoteSection, StageName } from './ledger-section.ts';
import { LedgerHandle, readPromoteSection, updatePromoteSection } from './ledger-section.ts';
import type { StageIo, StageOutcome } from './stage.ts';
import { runStage } from './stage.ts';
import { buildStage } from './stages/build.ts';
import { checkStage } from './stages/check.ts';
import { provisionStage } from './stages/provision.ts';
import { pushStage } from './stages/push.ts';
import { deployStage } from './stages/deploy.ts';
import { liveStage } from './stages/live.ts';
import type { CompareResult, PromoteResult } from './result.ts';
import type { CompareOutput } from './stages/compare.ts';
import { passGate } from './gate.ts';

export interface PromoteIo {
  readonly container: ContainerPort;
  readonly cloud: CloudPort;
  readonly compare: ComparePort;
  readonly clock: Clock;
  readonly progress: ProgressSink;
  readonly prices: PriceTable;
  readonly isAlive?: (pid: number) => boolean;
}

/**
 * Validates, asks the cloud who we are (read-only) and plans. `--dry-run` stops here: nothing is
 * created, built or pushed.
 */
export async function preparePromote(
  options: PromoteOptions,
  io: Pick<PromoteIo, 'cloud' | 'prices'>,
): Promise<{ plan: PromotePlan; ledger: PromoteSection | undefined }> {
  validateOptions(options);
  const ledger = await readPromoteSection(options.projectDir);
  const identity = await io.cloud.identity();
  const subscriptionId = ledger?.subscriptionId ?? identity.subscriptionId;
  const first = planPromote({ options, subscriptionId, ledger, prices: io.prices });
  if (ledger?.resources.resourceGroup) return { plan: first, ledger };
  const existingGroup = await io.cloud.getResourceGroup(first.names.resourceGroup);
  return { plan: planPromote({ options, subscriptionId, ledger, prices: io.prices, existingGroup }), ledger };
}

function summarise(output: CompareOutput): CompareResult {
  return {
    same: output.same,
    differences: output.differences,
    requests: output.requests,
    unreachable: output.unreachable,
    details: output.lines,
    ...(output.htmlReport ? { htmlReport: output.htmlReport } : {}),
  };
}

/**
 * plan → build → check → provision → push → deploy → live → compare → verdict. Each stage is
 * recorded in the ledger as it completes, so a re-run continues at the first stage whose inputs
 * changed or that never finished.
 */
export async function runPromote(options: PromoteOptions, io: PromoteIo): Promise<PromoteResult> {
  const started = io.clock.now();
  const { plan } = await preparePromote(options, io);
  const initial = await updatePromoteSection(options.projectDir, started, (current) => ({
    target: plan.target,
    cloud: plan.cloud,
    subscriptionId: plan.subscriptionId,
    location: plan.location,
    names: plan.names,
    healthPath: options.healthPath,
    createdAt: current?.createdAt ?? started.toISOString(),
    updatedAt: started.toISOString(),
    resources: current?.resources ?? {},
    image: current?.image ?? {},
    stages: current?.stages ?? {},
    ...(current?.url ? { url: current.url } : {}),
    lastRun: { startedAt: started.toISOString() },
  }));
  const ledger = new LedgerHandle(options.projectDir, initial as PromoteSection, () => io.clock.now());
  try {
    return await runStages(options, io, plan, ledger, started);
  } catch (error) {
    // `status` then says the last run failed rather than showing a run that never ended.
    await ledger.update((current) => ({
      ...current,
      lastRun: { startedAt: started.toISOString(), finishedAt: io.clock.now().toISOString(), verdict: 'failed' },
    }));
    throw error;
  }
}

async function runStages(
  options: PromoteOptions,
  io: PromoteIo,
  plan: PromotePlan,
  ledger: LedgerHandle,
  started: Date,
): Promise<PromoteResult> {
  const stageIo: StageIo & { isAlive?: (pid: number) => boolean } = { ...io, ledger };
  const stages: PromoteResult['stages'] & Record<string, { ran: boolean; durationMs: number }> = {};
  const track = async <O>(name: StageName, outcome: Promise<StageOutcome<O>>): Promise<O> => {
    const done = await outcome;
    stages[name] = { ran: !done.skipped, durationMs: done.durationMs };
    return done.output;
  };

  const built = await track(
    'build',
    runStage(buildStage, { contextDir: options.projectDir, project: plan.names.project, ...(options.dockerfile ? { dockerfile: options.dockerfile } : {}) }, stageIo),
  );
  await track('check', runStage(checkStage, { image: built, healthPath: options.healthPath }, stageIo));
  const provisioned = await track(
    'provision',
    runStage(
      provisionStage,
      { plan, initialImageTag: built.tag, port: built.port, healthPath: options.healthPath, planSku: options.sku },
      stageIo,
    ),
  );
  const names = plan.names;
  const pushed = await track(
    'push',
    runStage(pushStage, { image: built, loginServer: provisioned.loginServer, repository: names.repository }, stageIo),
  );
  const site = {
    resourceGroup: names.resourceGroup,
    name: names.site,
    location: plan.location,
    project: names.project,
    planId: provisioned.planId,
    port: built.port,
    healthCheckPath: options.healthPath,
  };
  const image = {
    loginServer: provisioned.loginServer,
    repository: names.repository,
    tag: built.tag,
    reference: pushed.reference,
    digest: pushed.digest,
    imageId: built.imageId,
  };
  await track('deploy', runStage(deployStage, { site, siteId: provisioned.siteId, image }, stageIo));
  const { url } = await track(
    'live',
    runStage(
      liveStage,
      {
        resourceGroup: names.resourceGroup,
        site: names.site,
        siteId: provisioned.siteId,
        reference: `${pushed.reference}@${pushed.digest}`,
        healthPath: options.healthPath,
        timeoutMs: options.liveTimeoutMs,
      },
      stageIo,
    ),
  );

  const gate = await passGate({ options, io: stageIo, built, site, url, deployed: pushed.reference, startedAt: started });
  stages.compare = { ran: true, durationMs: gate.compared.durationMs };
  if (gate.rollback) stages.rollback = { ran: true, durationMs: gate.rollback.durationMs };
  const compared = gate.compared.output;
  const rollback = gate.rollback && { from: gate.rollback.from, to: gate.rollback.to, compare: summarise(gate.rollback.compare) };

  const verdict = compared.same ? 'promoted' : rollback ? 'rolled-back' : 'differs';
  const finished = io.clock.now();
  const section = await ledger.update((current) => ({
    ...current,
    lastRun: {
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      verdict,
      ...(rollback ? { rolledBackFrom: rollback.from } : {}),
    },
  }));
  const current = section.image.current;
  return {
    verdict,
    target: plan.target,
    cloud: plan.cloud,
    subscriptionId: plan.subscriptionId,
    location: plan.location,
    url,
    baseline: gate.baseline,
    image: {
      reference: current?.reference ?? pushed.reference,
      digest: current?.digest ?? pushed.digest,
      ...(section.image.previous ? { previous: section.image.previous.reference } : {}),
      bytesPushed: stages.push?.ran ? pushed.bytesPushed : 0,
      layersPushed: stages.push?.ran ? pushed.layersPushed : 0,
      layersSkipped: pushed.layersSkipped,
    },
    resources: Object.fromEntries(
      Object.entries(section.resources).map(([kind, record]) => [kind, { name: record.name, ...(record.id ? { id: record.id } : {}) }]),
    ),
    compare: summarise(compared),
    ...(rollback ? { rollback } : {}),
    stages,
    durationMs: finished.getTime() - started.getTime(),
    cost: {
      monthly: plan.monthly.total,
      currency: plan.monthly.currency,
      approximate: plan.monthly.approximate,
      unknown: plan.monthly.unknown,
      pricesAsOf: plan.prices.asOf,
    },
  };
}
