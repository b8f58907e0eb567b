import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureEdgeAuthtoken, ngrokEdgeDir } from '../ngrok-edge/edge-authtoken.ts';
import { startNgrokEdge, type NgrokEdge } from '../ngrok-edge/edge.ts';

// Daemon entry (supervisor contract): one ready line on stdout, clean exit on SIGTERM. It keeps the
// port it had last time, so agents that outlive a restart of the daemon find it again.
const dir = ngrokEdgeDir();
const authtoken = await ensureEdgeAuthtoken(dir);
const portFile = join(dir, 'port');
const previousPort = Number((await readFile(portFile, 'utf8').catch(() => '0')).trim()) || 0;

let edge: NgrokEdge;
try {
  edge = await startNgrokEdge({ authtoken, port: previousPort });
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
  edge = await startNgrokEdge({ authtoken, port: 0 });
}
await writeFile(portFile, `${edge.serverAddr.split(':')[1]}\n`);
process.stdout.write(`${JSON.stringify({ ready: true, endpoints: { serverAddr: edge.serverAddr } })}\n`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    edge.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
