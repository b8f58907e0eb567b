// `npm test`: prepare the machine, then typecheck and test every workspace through turbo.
// Two tasks at a time: these machines have 2 cores and each vitest run has its own workers.
// --continue: CI reports every failing package, not just the first. Extra arguments go to turbo (`npm test -- --filter=@skylift/cli`).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (command: string, args: string[]) =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' } }).status ?? 1;

const steps: Array<[string, string[]]> = [
  [process.execPath, ['--import', 'tsx', 'scripts/ensure-test-machine.ts']],
  [process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'scripts']],
  [process.execPath, ['node_modules/turbo/bin/turbo', 'run', 'typecheck', 'test', '--concurrency=2', '--continue', ...process.argv.slice(2)]],
];
for (const [command, args] of steps) {
  process.exitCode = run(command, args);
  if (process.exitCode !== 0) break;
}
