import { resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import type { CliContext } from '../context.ts';

interface StatusArgs {
  json: boolean;
  dir?: string;
  'price-table'?: string;
}

export function statusCommand(context: CliContext): CommandModule<object, StatusArgs> {
  const { terminal } = context;
  return {
    command: 'status',
    describe: 'Share URL, cloud URL, health of each, image digest and age, estimated cost so far',
    builder: (yargs) =>
      yargs
        .option('json', { type: 'boolean', default: false, describe: 'One JSON object on stdout' })
        .option('dir', { type: 'string', describe: 'Project directory (default: the current directory)' })
        .option('price-table', { type: 'string', describe: 'JSON price table overriding the shipped one (also SKYLIFT_PRICE_TABLE)' }) as never,
    handler: async (argv) => {
      // Loaded here, not at start-up: the SDKs behind it would slow every other command down.
      const { formatStatus, httpProbe, loadPriceTable, processAlive, readStatus, systemClock } = await import('@skylift/promote');
      const status = await readStatus({
        projectDir: resolve(context.cwd, argv.dir ?? '.'),
        clock: systemClock,
        prices: await loadPriceTable(argv['price-table'] ?? context.env.SKYLIFT_PRICE_TABLE),
        probe: httpProbe(),
        isAlive: processAlive,
      });
      if (argv.json) terminal.result(JSON.stringify(status, null, 2));
      else for (const line of formatStatus(status)) terminal.info(line);
    },
  };
}
