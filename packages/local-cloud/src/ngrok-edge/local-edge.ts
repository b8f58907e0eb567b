import { join } from 'node:path';
import { ensureLocalCa } from '../ca.ts';
import { localCloudDir } from '../paths.ts';
import { isSameProcess } from '../processes.ts';
import { readState } from '../state.ts';
import type { SupervisorOptions } from '../supervisor.ts';
import { NGROK_EDGE_SERVICE, ensureEdgeAuthtoken, ngrokEdgeDir } from './edge-authtoken.ts';

export interface LocalNgrokEdge {
  readonly serverAddr: string;
  readonly caPem: string;
  readonly authtoken: string;
}

/**
 * The machine's local edge daemon, started through the supervisor when it is not running. The
 * supervisor (with the Docker, registry and base-image code it loads, ~0.3 s) is imported only
 * then: `skylift share --target local` usually finds the daemon running.
 */
export async function localNgrokEdge(options: SupervisorOptions = {}): Promise<LocalNgrokEdge> {
  const root = options.dir ?? localCloudDir();
  const running = (await readState(root)).services[NGROK_EDGE_SERVICE];
  const record =
    running && (await isSameProcess(running.pid, running.command))
      ? running
      : await (await import('../supervisor.ts')).ensureService(NGROK_EDGE_SERVICE, options);
  const serverAddr = record.endpoints.serverAddr;
  if (typeof serverAddr !== 'string') throw new Error(`the ${NGROK_EDGE_SERVICE} service announced no serverAddr`);
  const [ca, authtoken] = await Promise.all([ensureLocalCa(join(root, 'ca')), ensureEdgeAuthtoken(ngrokEdgeDir(root))]);
  return { serverAddr, caPem: ca.caPem, authtoken };
}
