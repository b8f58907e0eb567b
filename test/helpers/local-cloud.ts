import type { AddressInfo } from 'node:net';
import { connectAzure, type ArmClients } from '@skylift/azure';
import { buildApp } from '@skylift/sample-api';
import { startLocalTarget } from '@skylift/promote';

/** The machine's local cloud (started on demand, as the CLI does) and ARM clients to inspect it. */
export async function localCloud(): Promise<Awaited<ReturnType<typeof startLocalTarget>> & { clients: ArmClients }> {
  const target = await startLocalTarget();
  return { ...target, clients: connectAzure({ cloud: 'local', local: target.azure }) };
}

/** The sample API as it runs on the developer's machine: the baseline the cloud copy must match. */
export async function startBaseline(): Promise<{ url: string; close(): Promise<void> }> {
  const app = buildApp({ behaviour: 'normal' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
