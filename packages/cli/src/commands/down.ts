import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { CommandModule } from 'yargs';
import type { CliContext } from '../context.ts';

interface DownArgs {
  yes: boolean;
  json: boolean;
  dir?: string;
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export function downCommand(context: CliContext): CommandModule<object, DownArgs> {
  const { terminal } = context;
  return {
    command: 'down',
    describe: 'Delete exactly what `promote` created (from the ledger) and stop a running share',
    builder: (yargs) =>
      yargs
        .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'Do not ask for confirmation' })
        .option('json', { type: 'boolean', default: false, describe: 'One JSON object on stdout' })
        .option('dir', { type: 'string', describe: 'Project directory (default: the current directory)' })
        .example('$0 down', 'Show what will be deleted, ask, delete')
        .epilog('Resumable: an interrupted `down` continues where it stopped. A resource group goes only when skylift created it and it still carries skylift tags.') as never,
    handler: async (argv) => {
      const projectDir = resolve(context.cwd, argv.dir ?? '.');
      // Loaded here, not at start-up: the SDKs behind it would slow every other command down.
      const {
        DownNeedsTty,
        DownNotConfirmed,
        connectTarget,
        createProgressView,
        formatRemovals,
        planDown,
        readPromoteSection,
        readShareSection,
        runDown,
        startLocalTarget,
        stopShareProcess,
        systemClock,
      } = await import('@skylift/promote');
      const [section, share] = await Promise.all([readPromoteSection(projectDir), readShareSection(projectDir)]);
      const removals = planDown(section);
      if (removals.length === 0 && !share?.url) {
        if (argv.json) terminal.result(JSON.stringify({ removed: [] }));
        else terminal.info('Nothing to remove: the ledger lists no promoted resources and no share.');
        return;
      }
      if (!argv.yes) {
        if (!process.stdin.isTTY) throw DownNeedsTty();
        const what = `${formatRemovals(removals)}${share?.url ? `; stop the share ${share.url}` : ''}`;
        if (!(await confirm(`Delete ${what}? [y/N] `))) throw DownNotConfirmed();
      }
      const progress = createProgressView(terminal, systemClock);
      try {
        const result = await runDown(projectDir, {
          connect: async () => {
            if (!section) throw new Error('down: nothing to connect to without a promote section');
            const connected = await connectTarget({
              target: section.target,
              cloud: section.cloud,
              subscriptionId: section.subscriptionId,
              env: context.env,
              localCloud: () => startLocalTarget({ onProgress: (line) => progress.note(line) }),
            });
            return connected.cloud;
          },
          clock: systemClock,
          progress,
          stopShare: stopShareProcess,
        });
        progress.close();
        if (result.shareStopped) terminal.info(`stopped the share ${result.shareStopped}`);
        terminal.info(result.removed.length ? `removed: ${formatRemovals(result.removed)}` : 'no cloud resources to remove');
        if (argv.json) terminal.result(JSON.stringify(result, null, 2));
      } finally {
        progress.close();
      }
    },
  };
}
