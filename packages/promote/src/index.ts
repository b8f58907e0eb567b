export * from './errors.ts';
export { deriveNames, validateNames, projectSlug, type PromoteNames } from './names.ts';
export { shippedPriceTable, loadPriceTable, mergePriceTables, priceOf, costSince, type PriceTable, type Price } from './prices.ts';
export { clouds, planSkus, defaultLocation, validateOptions, type PromoteOptions } from './options.ts';
export { planPromote, skyliftTags, tagsMatch, type PromotePlan, type PlannedResource, type PlannedRemoval } from './plan.ts';
export {
  PROMOTE_SECTION,
  stageNames,
  resourceKinds,
  readPromoteSection,
  readShareSection,
  type PromoteSection,
  type ResourceRecord,
  type ImageRecord,
  type StageName,
  type ResourceKind,
  type Target,
  type Verdict,
  type ShareSection,
} from './ledger-section.ts';
export type * from './ports.ts';
export { systemClock } from './ports.ts';
export { createProgressView, formatDuration, type ProgressSink } from './progress.ts';
export { preparePromote, runPromote, type PromoteIo } from './pipeline.ts';
export type { PromoteResult, CompareResult } from './result.ts';
export { planDown, runDown, type DownIo, type DownResult } from './down.ts';
export { readStatus, httpProbe, type StatusResult, type Health, type Probe } from './status.ts';
export { chooseBaseline, processAlive } from './baseline.ts';
export { formatPlan, formatResult, formatStatus, formatRemovals, costLine } from './format.ts';
export { stopShareProcess } from './share-process.ts';
export { readProjectName } from './project.ts';
export { connectTarget, type ConnectInput, type Connected } from './adapters/connect.ts';
export { compareRunner } from './adapters/compare-port.ts';
export { dockerContainerPort, type ContainerPortOptions } from './adapters/container-port.ts';
export { azureCloudPort, type AzurePortOptions } from './adapters/azure-port.ts';
export { startLocalTarget } from './adapters/local-target.ts';
