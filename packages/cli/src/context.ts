import type { Terminal } from '@skylift/core';

/** What every command handler gets: the terminal seam, the environment and the working directory. */
export interface CliContext {
  readonly terminal: Terminal;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Set by a handler; main() returns it as the process exit code. */
  exitCode: number;
}
