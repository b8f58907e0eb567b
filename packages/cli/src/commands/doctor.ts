import { homedir } from 'node:os';
import type { CommandModule } from 'yargs';
import type { CliContext } from '../context.ts';
import { runDoctor } from '../doctor/run-doctor.ts';
import { renderDoctorTable } from '../doctor/table.ts';

export function doctorCommand(context: CliContext): CommandModule<object, { json: boolean }> {
  return {
    command: 'doctor',
    describe: 'Check Node, the Docker Engine, Azure credentials, the ngrok authtoken and the local cloud',
    builder: (yargs) =>
      yargs
        .option('json', { type: 'boolean', default: false, describe: 'Print {checks:[{name,status,detail,fix}], ok} on stdout' })
        .example('$0 doctor', 'Table of checks with a fix for each one that is not ok')
        .example('$0 doctor --json | jq .ok', 'Machine-readable result'),
    handler: async (argv) => {
      // Loaded here, not at the top: `skylift --help` should not pay for the SDKs doctor uses.
      const [{ DefaultAzureCredential }, { localCloudStatus }, { findNgrokAuthtoken }] = await Promise.all([
        import('@azure/identity'),
        import('@skylift/local-cloud'),
        import('@skylift/tunnel'),
      ]);
      const report = await runDoctor({
        nodeVersion: process.versions.node,
        localCloudStatus: () => localCloudStatus(),
        azureCredential: () => new DefaultAzureCredential(),
        ngrokAuthtoken: () => findNgrokAuthtoken({ platform: process.platform, home: homedir(), env: context.env }),
      });
      if (argv.json) context.terminal.result(JSON.stringify(report));
      else context.terminal.stderr.write(renderDoctorTable(report));
      context.exitCode = report.ok ? 0 : 1;
    },
  };
}
