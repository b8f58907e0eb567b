import type { ArmClients } from './arm-clients.ts';
import { armCall } from './arm-call.ts';

/**
 * The last `lines` lines of the site's container log (docker's stdout/stderr, as App Service keeps
 * it). Used when a site will not come up: the reason is nearly always in there.
 */
export async function containerLogTail(clients: ArmClients, resourceGroup: string, site: string, lines = 40): Promise<string> {
  const response = await armCall(`web app "${site}"`, clients.retry, () =>
    clients.web.webApps.getWebSiteContainerLogs(resourceGroup, site),
  );
  const chunks: Buffer[] = [];
  for await (const chunk of response.readableStreamBody ?? []) chunks.push(Buffer.from(chunk as Uint8Array));
  const text = Buffer.concat(chunks).toString('utf8').trimEnd();
  return text.split('\n').slice(-lines).join('\n');
}
