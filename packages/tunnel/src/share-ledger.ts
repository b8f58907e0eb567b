import { updateLedgerSection } from '@skylift/core';
import type { ShareTarget } from './connection.ts';

/** `.skylift/state.json` → `share`: how promote and compare find a running share. Nothing secret. */
export interface ShareRecord {
  readonly url: string;
  readonly pid: number;
  readonly capturePath?: string;
  readonly target: ShareTarget;
  readonly app: string;
  readonly startedAt: string;
}

export const SHARE_SECTION = 'share';

export async function recordShare(projectDir: string, record: ShareRecord): Promise<void> {
  await updateLedgerSection<ShareRecord>(projectDir, SHARE_SECTION, () => record);
}

/** Removes the record only if it is still ours: a newer share may have replaced it. */
export async function clearShare(projectDir: string, url: string): Promise<void> {
  await updateLedgerSection<ShareRecord>(projectDir, SHARE_SECTION, (current) => (current?.url === url && current.pid === process.pid ? undefined : current));
}
