import type { BuildProgress } from './build-progress.ts';
import type { PushProgress } from './push-progress.ts';

/** Human text for a build event (stderr of the CLI); undefined for events not worth a line. */
export function buildProgressLine(event: BuildProgress): string | undefined {
  switch (event.type) {
    case 'context':
      return `sending build context: ${event.files} files, ${formatBytes(event.bytes)}`;
    case 'step':
      return `step ${event.step}/${event.total}  ${event.instruction}`;
    case 'cache-hit':
      return `step ${event.step}/${event.total}  (cached)`;
    case 'output':
      return `  | ${event.line}`;
  }
}

/** Human text for a push event: one line per finished layer, none for byte counters. */
export function pushProgressLine(event: PushProgress): string | undefined {
  if (event.type !== 'layer-done') return undefined;
  const outcome = {
    pushed: `pushed ${formatBytes(event.bytes)}`,
    exists: 'already in the registry',
    mounted: 'mounted from another repository',
  }[event.outcome];
  return `layer ${event.id}: ${outcome}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
