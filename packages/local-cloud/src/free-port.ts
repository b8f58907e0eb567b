import { createServer } from 'node:net';

/** Whether `port` can be bound on loopback right now (0 asks the OS for a free one). */
function bind(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : undefined));
    });
  });
}

/** `preferred` when it is free (services keep their port across restarts), else any free port. */
export async function freeLoopbackPort(preferred?: number): Promise<number> {
  if (preferred !== undefined && (await bind(preferred)) !== undefined) return preferred;
  const port = await bind(0);
  if (port === undefined) throw new Error('no free loopback port');
  return port;
}
