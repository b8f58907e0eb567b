import { join } from 'node:path';
import { ensureLocalCa } from '../ca.ts';
import { localCloudDir } from '../paths.ts';
import { ensureService, type SupervisorOptions } from '../supervisor.ts';
import { NGROK_EDGE_SERVICE, ensureEdgeAuthtoken, ngrokEdgeDir } from './edge-authtoken.ts';

export interface LocalNgrokEdge {
  readonly serverAddr: string;
  readonly caPem: string;
  readonly authtoken: string;
}

/** The machine's local edge daemon, started through the supervisor when it is not running. */
export async function localNgrokEdge(options: SupervisorOptions = {}): Promise<LocalNgrokEdge> {
  const root = options.dir ?? localCloudDir();
  const record = await ensureService(NGROK_EDGE_SERVICE, options);
  const serverAddr = record.endpoints.serverAddr;
  if (typeof serverAddr !== 'string') throw new Error(`the ${NGROK_EDGE_SERVICE} service announced no serverAddr`);
  const [ca, authtoken] = await Promise.all([ensureLocalCa(join(root, 'ca')), ensureEdgeAuthtoken(ngrokEdgeDir(root))]);
  return { serverAddr, caPem: ca.caPem, authtoken };
}
