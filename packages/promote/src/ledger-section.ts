import { readLedger, updateLedgerSection } from '@skylift/core';
import type { PromoteNames } from './names.ts';
import type { ImageRef } from './ports.ts';

/** The section of `.skylift/state.json` this package owns. Nothing secret goes in it. */
export const PROMOTE_SECTION = 'promote';

export const stageNames = ['build', 'check', 'provision', 'push', 'deploy', 'live', 'compare'] as const;
export type StageName = (typeof stageNames)[number];

/** Provision creates these, in this order; `down` removes them in reverse. */
export const resourceKinds = ['resourceGroup', 'registry', 'plan', 'site', 'acrPull'] as const;
export type ResourceKind = (typeof resourceKinds)[number];

export type Target = 'azure' | 'local';

export interface ResourceRecord {
  readonly name: string;
  /**
   * `creating` is written before the create call: if the process dies mid-call the ledger still
   * knows the resource may exist, so neither a re-run nor `down` loses track of it.
   */
  readonly status: 'creating' | 'ready';
  readonly id?: string;
  readonly createdAt: string;
  readonly tier?: string;
  readonly loginServer?: string;
  readonly defaultHostName?: string;
  readonly principalId?: string;
}

export type PromoteResources = Partial<Record<ResourceKind, ResourceRecord>>;

export interface ImageRecord extends ImageRef {
  /** `<loginServer>/<repository>:<tag>`: what the site runs. */
  readonly reference: string;
  readonly digest: string;
  readonly imageId: string;
  readonly tag: string;
  readonly deployedAt: string;
}

export interface StageRecord {
  /** Fingerprint of the stage's inputs: a re-run with the same key skips the stage. */
  readonly key: string;
  readonly completedAt: string;
  readonly durationMs: number;
  readonly output: Record<string, unknown>;
}

/** `failed`: a stage threw (the ledger still says how far it got; a re-run continues from there). */
export type Verdict = 'promoted' | 'differs' | 'rolled-back' | 'failed';

export interface PromoteSection {
  readonly target: Target;
  readonly cloud: string;
  readonly subscriptionId: string;
  readonly location: string;
  readonly names: PromoteNames;
  readonly healthPath: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly resources: PromoteResources;
  readonly image: { readonly current?: ImageRecord; readonly previous?: ImageRecord };
  readonly url?: string;
  readonly stages: Partial<Record<StageName, StageRecord>>;
  readonly lastRun?: {
    readonly startedAt: string;
    readonly finishedAt?: string;
    readonly verdict?: Verdict;
    readonly rolledBackFrom?: string;
  };
}

export async function readPromoteSection(projectDir: string): Promise<PromoteSection | undefined> {
  return (await readLedger(projectDir))[PROMOTE_SECTION] as PromoteSection | undefined;
}

/**
 * Every ledger write in promote goes through here: atomic (temp + rename in core), serialised, and
 * stamped with `updatedAt`.
 */
export function updatePromoteSection(
  projectDir: string,
  now: Date,
  update: (current: PromoteSection | undefined) => PromoteSection | undefined,
): Promise<PromoteSection | undefined> {
  return updateLedgerSection<PromoteSection>(projectDir, PROMOTE_SECTION, (current) => {
    const next = update(current);
    return next && { ...next, updatedAt: now.toISOString() };
  });
}

export function withResource(section: PromoteSection, kind: ResourceKind, record: ResourceRecord | undefined): PromoteSection {
  const resources = { ...section.resources };
  if (record) resources[kind] = record;
  else delete resources[kind];
  return { ...section, resources };
}

export function withStage(section: PromoteSection, stage: StageName, record: StageRecord): PromoteSection {
  return { ...section, stages: { ...section.stages, [stage]: record } };
}

/** The share section, as far as promote reads it (written by @skylift/tunnel). */
export interface ShareSection {
  readonly url?: string;
  readonly pid?: number;
  readonly capturePath?: string;
  readonly target?: string;
  readonly startedAt?: string;
}

export async function readShareSection(projectDir: string): Promise<ShareSection | undefined> {
  const share = (await readLedger(projectDir)).share;
  return share && typeof share === 'object' ? (share as ShareSection) : undefined;
}

/**
 * The promote section as one run sees it: reads come from memory, every change is written through
 * to disk (atomically) before the call returns, so a SIGKILL at any point leaves a ledger that
 * describes everything done so far.
 */
export class LedgerHandle {
  #section: PromoteSection;

  constructor(
    readonly projectDir: string,
    section: PromoteSection,
    private readonly now: () => Date,
  ) {
    this.#section = section;
  }

  get(): PromoteSection {
    return this.#section;
  }

  async update(change: (current: PromoteSection) => PromoteSection): Promise<PromoteSection> {
    const next = await updatePromoteSection(this.projectDir, this.now(), (current) => change(current ?? this.#section));
    if (next) this.#section = next;
    return this.#section;
  }
}
