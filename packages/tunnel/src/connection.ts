import { resolveAuthtoken } from './authtoken.ts';
import type { NgrokConfigHost } from './ngrok-config.ts';
import type { TunnelConnection } from './open-tunnel.ts';

export type ShareTarget = 'ngrok' | 'local';

/** ngrok: the user's token; local: the local edge daemon (started on demand) and its own token. */
export async function resolveConnection(target: ShareTarget, authtokenFlag: string | undefined, host?: NgrokConfigHost): Promise<TunnelConnection> {
  if (target === 'local') {
    // Not the package index: that would load the Azure emulator and fastify into every share.
    const { localNgrokEdge } = await import('@skylift/local-cloud/local-ngrok-edge');
    const edge = await localNgrokEdge();
    return { authtoken: edge.authtoken, authtokenSource: 'the local edge', serverAddr: edge.serverAddr, caPem: edge.caPem };
  }
  const { authtoken, source } = await resolveAuthtoken(authtokenFlag, host);
  return { authtoken, authtokenSource: source };
}
