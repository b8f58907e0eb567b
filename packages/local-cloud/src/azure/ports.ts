import type { Server } from 'node:net';
import type { StateStore } from './state-store.ts';

function listenOn(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as { port: number }).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/**
 * Listens on the port this role had before (login servers and front ends keep their host:port, so
 * `loginServer` and `defaultHostName` stay true across an emulator restart), or a fresh one.
 */
export async function listenOnStablePort(server: Server, store: StateStore, role: string, requested = 0): Promise<number> {
  const previous = requested || store.state.ports[role] || 0;
  let port: number;
  try {
    port = await listenOn(server, previous);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || previous === 0 || requested !== 0) throw error;
    port = await listenOn(server, 0);
  }
  if (store.state.ports[role] !== port) {
    store.state.ports[role] = port;
    await store.save();
  }
  return port;
}
