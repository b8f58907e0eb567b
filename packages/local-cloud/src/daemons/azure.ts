import { join } from 'node:path';
import { startAzureEmulator } from '../azure/emulator.ts';
import { localCloudDir } from '../paths.ts';

// Daemon entry (supervisor contract): state under localCloudDir()/azure, one ready line on stdout,
// clean exit on SIGTERM. The emulator keeps its ports in its state, so endpoints survive a restart.
// The identity header stays in localCloudDir()/azure/identity-header (0600): never in the ready line.
const emulator = await startAzureEmulator({ stateDir: join(localCloudDir(), 'azure'), log: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`) });
const { armEndpoint, identityEndpoint, subscriptionId, tenantId } = emulator;
process.stdout.write(`${JSON.stringify({ ready: true, endpoints: { armEndpoint, identityEndpoint, subscriptionId, tenantId } })}\n`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
