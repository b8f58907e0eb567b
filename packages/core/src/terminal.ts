import type { Writable } from 'node:stream';

/**
 * The one seam for human output. Progress and prose go to `stderr`, results to `stdout`, so
 * `skylift share | pbcopy` copies just the URL. Tests hand in PassThrough streams.
 */
export interface Terminal {
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** True when stderr is an interactive terminal and not CI: spinners and colour allowed. */
  readonly interactive: boolean;
  /** One line of human text to stderr. */
  info(line: string): void;
  /** A warning line to stderr, prefixed so it stands out in logs. */
  warn(line: string): void;
  /** A result line to stdout. */
  result(line: string): void;
}

export function createTerminal(
  streams: { stdout: Writable; stderr: Writable } = { stdout: process.stdout, stderr: process.stderr },
  env: NodeJS.ProcessEnv = process.env,
): Terminal {
  const interactive = Boolean((streams.stderr as { isTTY?: boolean }).isTTY) && !env.CI && env.TERM !== 'dumb';
  return {
    ...streams,
    interactive,
    info: (line) => streams.stderr.write(`${line}\n`),
    warn: (line) => streams.stderr.write(`warning: ${line}\n`),
    result: (line) => streams.stdout.write(`${line}\n`),
  };
}
