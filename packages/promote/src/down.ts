import type { Clock, CloudPort } from './ports.ts';
import type { ProgressSink } from './progress.ts';
import type { PromoteSection, ResourceKind, ShareSection } from './ledger-section.ts';
import { LedgerHandle, readPromoteSection, readShareSection, resourceKinds, updatePromoteSection, withResource } from './ledger-section.ts';
import type { PlannedRemoval } from './plan.ts';
import { skyliftTags, tagsMatch } from './plan.ts';
import { UntaggedResourceGroup } from './errors.ts';

/** What `down` will delete, newest first (pure: the confirmation prompt shows exactly this). */
export function planDown(section: PromoteSection | undefined): PlannedRemoval[] {
  if (!section) return [];
  return [...resourceKinds].reverse().flatMap((kind) => {
    const record = section.resources[kind];
    return record ? [{ kind, name: record.name }] : [];
  });
}

export interface DownResult {
  readonly removed: readonly { readonly kind: ResourceKind; readonly name: string }[];
  readonly shareStopped?: string;
}

export interface DownIo {
  /** Connected only when the ledger lists something in a cloud: stopping a share needs no sign-in. */
  readonly connect: () => Promise<CloudPort>;
  readonly clock: Clock;
  readonly progress: ProgressSink;
  /** Stops a running share (SIGTERM to its pid); resolves true once it is gone. */
  readonly stopShare: (share: ShareSection) => Promise<boolean>;
}

/**
 * Deletes exactly what the ledger lists, newest first, and drops each entry once it is gone, so an
 * interrupted `down` continues where it stopped. The group's tags are checked before the first
 * delete: a group that no longer carries skylift's tags stops everything, and nothing is lost.
 */
export async function runDown(projectDir: string, io: DownIo): Promise<DownResult> {
  const share = await readShareSection(projectDir);
  const shareStopped = share?.url && share.pid !== undefined && (await io.stopShare(share)) ? share.url : undefined;
  const section = await readPromoteSection(projectDir);
  if (!section) return shareStopped ? { removed: [], shareStopped } : { removed: [] };
  const { resourceGroup, project } = section.names;
  const cloud = await io.connect();
  if (section.resources.resourceGroup) {
    const group = await cloud.getResourceGroup(resourceGroup);
    if (group && !tagsMatch(group.tags, skyliftTags(project))) throw UntaggedResourceGroup(resourceGroup, project);
  }
  // Stage records would let a later promote skip provisioning what is about to be deleted.
  const cleared = await updatePromoteSection(projectDir, io.clock.now(), (current) => current && { ...current, stages: {} });
  const ledger = new LedgerHandle(projectDir, cleared as PromoteSection, () => io.clock.now());
  const removed: { kind: ResourceKind; name: string }[] = [];
  for (const { kind, name } of planDown(section)) {
    const record = ledger.get().resources[kind];
    if (!record) continue;
    const step = `delete-${kind}`;
    const started = io.clock.now().getTime();
    io.progress.start(step, `Delete ${kind} ${name}`);
    try {
      await cloud.deleteResource(
        { resourceGroup, project, kind, name, ...(record.id ? { id: record.id } : {}) },
        (text) => io.progress.update(step, text),
      );
    } catch (error) {
      io.progress.fail(step, io.clock.now().getTime() - started);
      throw error;
    }
    await ledger.update((current) => withResource(current, kind, undefined));
    io.progress.done(step, io.clock.now().getTime() - started);
    removed.push({ kind, name });
  }
  await updatePromoteSection(projectDir, io.clock.now(), () => undefined);
  return { removed, ...(shareStopped ? { shareStopped } : {}) };
}
