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

const FAILURE = /\b(error|failed|denied|unauthorized|exited)\b/i;

/**
 * The one log line worth putting in an error message: the last that reports a failure (a retry's
 * "Pulling image..." after it says nothing), else the last line.
 */
export function tellingLine(logs: string, max = 200): string {
  const lines = logs.trimEnd().split('\n').filter((line) => line.trim() !== '');
  const line = lines.findLast((candidate) => FAILURE.test(candidate)) ?? lines.at(-1) ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
