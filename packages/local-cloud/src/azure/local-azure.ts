import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureLocalCa } from '../ca.ts';
import { localCloudDir } from '../paths.ts';
import { ensureService, type SupervisorOptions } from '../supervisor.ts';

export const AZURE_SERVICE = 'azure';

export interface LocalAzure {
  readonly armEndpoint: string;
  /** Value for IDENTITY_ENDPOINT. */
  readonly identityEndpoint: string;
  /** Value for IDENTITY_HEADER: a secret, never print it. */
  readonly identityHeader: string;
  readonly subscriptionId: string;
  readonly tenantId: string;
  /** The CA every loopback HTTPS server of the local cloud is signed by (NODE_EXTRA_CA_CERTS = caPath). */
  readonly caPem: string;
  readonly caPath: string;
}

function field(endpoints: Readonly<Record<string, unknown>>, name: string): string {
  const value = endpoints[name];
  if (typeof value !== 'string') throw new Error(`the ${AZURE_SERVICE} service announced no ${name}`);
  return value;
}

/** The machine's Azure emulator daemon, started through the supervisor when it is not running. */
export async function localAzure(options: SupervisorOptions = {}): Promise<LocalAzure> {
  const root = options.dir ?? localCloudDir();
  const { endpoints } = await ensureService(AZURE_SERVICE, options);
  const [identityHeader, ca] = await Promise.all([readFile(join(root, AZURE_SERVICE, 'identity-header'), 'utf8'), ensureLocalCa(join(root, 'ca'))]);
  return {
    armEndpoint: field(endpoints, 'armEndpoint'),
    identityEndpoint: field(endpoints, 'identityEndpoint'),
    identityHeader: identityHeader.trim(),
    subscriptionId: field(endpoints, 'subscriptionId'),
    tenantId: field(endpoints, 'tenantId'),
    caPem: ca.caPem,
    caPath: ca.caPath,
  };
}
