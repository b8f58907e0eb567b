import type { ArmClients } from './arm-clients.ts';
import { armCall } from './arm-call.ts';
import { ensureWebApp, type EnsuredWebApp, type WebAppSpec } from './ensure-web-app.ts';

/**
 * Points the site at a new image (its linuxFxVersion) and restarts it, so the new image is pulled
 * even when only the digest behind a tag changed. Follow with `waitUntilLive`.
 */
export async function deployImage(clients: ArmClients, spec: WebAppSpec): Promise<EnsuredWebApp> {
  const site = await ensureWebApp(clients, spec);
  if (site.change !== 'created') {
    await armCall(`web app "${spec.name}"`, clients.retry, () => clients.web.webApps.restart(spec.resourceGroup, spec.name));
  }
  return site;
}
