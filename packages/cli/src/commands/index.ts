import type { CommandModule } from 'yargs';
import type { CliContext } from '../context.ts';
import { compareCommand } from './compare.ts';
import { doctorCommand } from './doctor.ts';
import { localCommand } from './local.ts';
import { shareCommand } from './share.ts';
import { promoteCommand } from './promote.ts';
import { downCommand } from './down.ts';
import { statusCommand } from './status.ts';

/** Only commands that work are registered: each issue adds its own line here. */
export function commands(context: CliContext): CommandModule[] {
  return [
    compareCommand(context) as CommandModule,
    doctorCommand(context) as CommandModule,
    localCommand(context) as CommandModule,
    shareCommand(context) as CommandModule,
    promoteCommand(context) as CommandModule,
    downCommand(context) as CommandModule,
    statusCommand(context) as CommandModule,
  ];
}
