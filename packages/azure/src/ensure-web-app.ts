import type { Site } from '@azure/arm-appservice';
import type { ArmClients } from './arm-clients.ts';
import { lroOptions } from './arm-clients.ts';
import { armCall, armGet } from './arm-call.ts';
import { linuxFxVersion, validateName, type ImageRef } from './names.ts';
import { skyliftTags } from './tags.ts';

export interface WebAppSpec {
  readonly resourceGroup: string;
  readonly name: string;
  readonly location: string;
  readonly project: string;
  readonly planId: string;
  readonly image: ImageRef;
  /** The port the container listens on; App Service only learns it from WEBSITES_PORT. */
  readonly port: number;
  /** Pinged by App Service and by `waitUntilLive`. */
  readonly healthCheckPath: string;
  readonly appSettings?: Readonly<Record<string, string>>;
}

export interface EnsuredWebApp {
  readonly id: string;
  readonly name: string;
  /** Read from Azure, never built: newer apps get `<name>-<hash>.<region>-01.azurewebsites.net`. */
  readonly defaultHostName: string;
  /** The system-assigned identity that pulls from the registry. */
  readonly principalId: string;
  readonly change: 'created' | 'updated' | 'unchanged';
}

/** What skylift wants every site to be: pulled by its own identity, HTTPS only, port and health path set. */
export function desiredAppSettings(spec: WebAppSpec): Record<string, string> {
  // App Service storage mounted over /home would hide files baked into the image.
  return { ...spec.appSettings, WEBSITES_PORT: String(spec.port), WEBSITES_ENABLE_APP_SERVICE_STORAGE: 'false' };
}

export function desiredSite(spec: WebAppSpec): Site {
  return {
    location: spec.location,
    kind: 'app,linux,container',
    tags: skyliftTags(spec.project),
    serverFarmId: spec.planId,
    httpsOnly: true,
    identity: { type: 'SystemAssigned' },
    siteConfig: {
      linuxFxVersion: linuxFxVersion(spec.image),
      acrUseManagedIdentityCreds: true,
      healthCheckPath: spec.healthCheckPath,
      appSettings: Object.entries(desiredAppSettings(spec)).map(([name, value]) => ({ name, value })),
    },
  };
}

/** The parts of a site's web config skylift sets; compared field by field on re-runs. */
export interface ContainerConfig {
  readonly linuxFxVersion?: string;
  readonly acrUseManagedIdentityCreds?: boolean;
  readonly healthCheckPath?: string;
}

/**
 * True when the live site already is what `desiredSite` describes (app settings compared apart).
 * The web config comes from `config/web`: a GET of the site itself answers `siteConfig` with its
 * values blanked in real Azure (azure-rest-api-specs#12104), so it cannot be compared.
 */
export function siteMatches(site: Site, config: ContainerConfig, spec: WebAppSpec): boolean {
  return (
    site.serverFarmId?.toLowerCase() === spec.planId.toLowerCase() &&
    site.httpsOnly === true &&
    (site.identity?.type ?? '').includes('SystemAssigned') &&
    site.identity?.principalId !== undefined &&
    config.linuxFxVersion === linuxFxVersion(spec.image) &&
    config.acrUseManagedIdentityCreds === true &&
    config.healthCheckPath === spec.healthCheckPath
  );
}

export function settingsMatch(current: Readonly<Record<string, string>>, wanted: Readonly<Record<string, string>>): boolean {
  const keys = new Set([...Object.keys(current), ...Object.keys(wanted)]);
  return [...keys].every((key) => current[key] === wanted[key]);
}

/**
 * Creates the Web App for Containers, or brings an existing one to the spec with as few writes as
 * possible: nothing when it matches (a re-run must not restart a healthy app), the app settings
 * alone when only they differ, a full PUT otherwise (that is also how an image is swapped).
 */
export async function ensureWebApp(clients: ArmClients, spec: WebAppSpec): Promise<EnsuredWebApp> {
  validateName('site', spec.name);
  linuxFxVersion(spec.image);
  const resource = `web app "${spec.name}"`;
  const webApps = clients.web.webApps;
  const existing = await armGet(resource, clients.retry, () => webApps.get(spec.resourceGroup, spec.name));
  const wantedSettings = desiredAppSettings(spec);

  const config =
    existing === undefined
      ? undefined
      : await armCall(resource, clients.retry, () => webApps.getConfiguration(spec.resourceGroup, spec.name));
  if (existing !== undefined && config !== undefined && siteMatches(existing, config, spec)) {
    const current = await armCall(resource, clients.retry, () => webApps.listApplicationSettings(spec.resourceGroup, spec.name));
    if (settingsMatch(current.properties ?? {}, wantedSettings)) return describe(existing, 'unchanged');
    await armCall(resource, clients.retry, () =>
      webApps.updateApplicationSettings(spec.resourceGroup, spec.name, { properties: wantedSettings }),
    );
    return describe(existing, 'updated');
  }

  const site = await armCall(resource, clients.retry, () =>
    webApps.createOrUpdate(spec.resourceGroup, spec.name, desiredSite(spec), lroOptions(clients)),
  );
  return describe(site, existing === undefined ? 'created' : 'updated');
}

function describe(site: Site, change: EnsuredWebApp['change']): EnsuredWebApp {
  return {
    id: site.id!,
    name: site.name!,
    defaultHostName: site.defaultHostName!,
    principalId: site.identity!.principalId!,
    change,
  };
}
