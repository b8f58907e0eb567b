import type { ShareSection } from './ledger-section.ts';
import type { BaselineKind } from './stages/compare.ts';

export interface BaselineChoice {
  readonly kind: BaselineKind;
  /** Undefined for `local-container`: the URL exists only once the container runs. */
  readonly url?: string;
  readonly capturePath?: string;
}

/** True when a process with this pid exists (signal 0 checks without touching it). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The running share is what people have been looking at, so it is the best baseline; then what the
 * user named; then the image just built, run locally: the cloud copy must answer like its own source.
 */
export function chooseBaseline(input: {
  share: ShareSection | undefined;
  flag: string | undefined;
  isAlive: (pid: number) => boolean;
}): BaselineChoice {
  const { share } = input;
  if (share?.url && share.pid !== undefined && input.isAlive(share.pid)) {
    return { kind: 'share', url: share.url, ...(share.capturePath ? { capturePath: share.capturePath } : {}) };
  }
  if (input.flag) return { kind: 'flag', url: input.flag };
  return { kind: 'local-container' };
}
