import type { CommandModule } from 'yargs';
import type { CliContext } from '../context.ts';

/** Only commands that work are registered: each issue adds its own line here. */
export function commands(_context: CliContext): CommandModule[] {
  return [];
}
