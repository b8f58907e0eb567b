import yargs from 'yargs';
import { createTerminal, isSkyliftError, messageOf, type Terminal } from '@skylift/core';
import { commands } from './commands/index.ts';
import type { CliContext } from './context.ts';
import { version } from './version.ts';

export const USAGE_EXIT_CODE = 2;

/** Thrown from yargs' fail(): throwing is what stops yargs, so no handler runs after a failed check. */
class UsageError extends Error {}

/** Runs the CLI and resolves to its exit code; never calls process.exit, so tests can drive it. */
export async function main(
  argv: string[],
  options: { terminal?: Terminal; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<number> {
  const context: CliContext = {
    terminal: options.terminal ?? createTerminal(),
    env: options.env ?? process.env,
    cwd: options.cwd ?? process.cwd(),
    exitCode: 0,
  };
  const { terminal } = context;
  const parser = yargs(argv)
    .scriptName('skylift')
    .usage('$0 <command> [options]\n\nFrom localhost to a public URL to Azure, and proof that they answer the same.')
    .command(commands(context))
    .demandCommand(1, 'Name a command: skylift --help lists them.')
    .strict()
    .recommendCommands()
    .completion('completion', 'Print a shell completion script (bash/zsh): skylift completion >> ~/.bashrc')
    .example('$0 doctor', 'Check Node, Docker, Azure credentials and the ngrok authtoken')
    .example('$0 local up', 'Start the local cloud: Docker Engine, registry, emulators')
    .version(version)
    .alias('h', 'help')
    .wrap(Math.min(100, process.stderr.columns ?? 100))
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    })
    .exitProcess(false);
  try {
    await parser.parseAsync(argv, {}, (error, _parsed, output) => {
      if (output && !error) terminal.stdout.write(`${output}\n`);
    });
  } catch (error) {
    if (error instanceof UsageError) {
      terminal.stderr.write(`skylift: ${error.message}\n`);
      return USAGE_EXIT_CODE;
    }
    terminal.stderr.write(`skylift: ${messageOf(error)}${isSkyliftError(error) ? ` [${error.code}]` : ''}\n`);
    if (!isSkyliftError(error) && context.env.SKYLIFT_DEBUG) terminal.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return isSkyliftError(error) ? error.exitCode : 1;
  }
  return context.exitCode;
}
