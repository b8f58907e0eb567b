import type { ShareSection } from './ledger-section.ts';
import { processAlive } from './baseline.ts';

const STOP_TIMEOUT_MS = 10_000;

/**
 * SIGTERM to the share recorded in the ledger: the share closes its tunnel, stops the app it
 * started and flushes its capture on that signal. Resolves true once the process is gone.
 */
export async function stopShareProcess(share: ShareSection): Promise<boolean> {
  const pid = share.pid;
  if (pid === undefined || !processAlive(pid)) return false;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return false;
  }
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (processAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  return !processAlive(pid);
}
