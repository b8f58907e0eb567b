import type { LocalCloudStatus } from '@skylift/local-cloud';
import type { Argv, CommandModule } from 'yargs';
import type { CliContext } from '../context.ts';
import { renderLocalCloudStatus } from '../local/render-status.ts';

interface JsonFlag {
  json: boolean;
}

// Loaded when a handler runs, not when the CLI starts: `skylift --help` should not pay for it.
const localCloud = () => import('@skylift/local-cloud');

const json = <T>(yargs: Argv<T>) => yargs.option('json', { type: 'boolean', default: false, describe: 'Print the result as JSON on stdout' });

export function localCommand(context: CliContext): CommandModule<object, object> {
  const { terminal } = context;
  const print = (asJson: boolean, value: object, human: string) => (asJson ? terminal.result(JSON.stringify(value)) : terminal.stderr.write(human));
  const up: CommandModule<object, JsonFlag> = {
    command: 'up',
    describe: 'Start what is missing: Docker Engine (root on Debian), registry, emulators, Node base image',
    builder: json,
    handler: async (argv) => {
      const { ensureLocalCloud, localCloudStatus } = await localCloud();
      const cloud = await ensureLocalCloud({ onProgress: (line) => terminal.info(line) });
      const status: LocalCloudStatus & { nodeBaseImage: string } = { ...(await localCloudStatus({ docker: cloud.docker })), nodeBaseImage: cloud.nodeBaseImage };
      print(argv.json, status, `${renderLocalCloudStatus(status)}node base image  ${cloud.nodeBaseImage}\n`);
    },
  };
  const down: CommandModule<object, JsonFlag> = {
    command: 'down',
    describe: 'Stop what `local up` started (never an engine or registry it did not start)',
    builder: json,
    handler: async (argv) => {
      const { stopLocalCloud } = await localCloud();
      const result = await stopLocalCloud({ onProgress: (line) => terminal.info(line) });
      print(argv.json, result, result.stopped.length > 0 ? `stopped: ${result.stopped.join(', ')}\n` : 'nothing to stop: skylift started nothing that is still running\n');
    },
  };
  const status: CommandModule<object, JsonFlag> = {
    command: 'status',
    describe: 'Show the engine and each local cloud service (starts nothing)',
    builder: json,
    handler: async (argv) => {
      const { localCloudStatus } = await localCloud();
      const current = await localCloudStatus();
      print(argv.json, current, renderLocalCloudStatus(current));
    },
  };
  return {
    command: 'local',
    describe: 'The local cloud on this machine: Docker Engine, registry, ngrok-edge and Azure emulators',
    builder: (yargs) =>
      yargs
        .command(up)
        .command(down)
        .command(status)
        .demandCommand(1, 'Name an action: up, down or status.')
        .example('$0 local up', 'Start the local cloud (idempotent; < 2 s when it already runs)')
        .example('$0 local status --json', 'Endpoints of each service'),
    handler: () => undefined,
  };
}
