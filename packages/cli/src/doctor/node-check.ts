import type { DoctorCheck } from './check.ts';

export const MINIMUM_NODE = [20, 19] as const;

/** Node ≥ 20.19: the oldest line these packages (and require(esm)) work on. */
export function checkNodeVersion(version: string): DoctorCheck {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  const supported = major > MINIMUM_NODE[0] || (major === MINIMUM_NODE[0] && minor >= MINIMUM_NODE[1]);
  return supported
    ? { name: 'Node.js', status: 'ok', detail: `v${version.replace(/^v/, '')}`, fix: null }
    : { name: 'Node.js', status: 'fail', detail: `v${version.replace(/^v/, '')} is too old`, fix: `install Node ${MINIMUM_NODE.join('.')} or newer (the current LTS is best)` };
}
