import type { StoredResource } from '../state.ts';
import { systemIdentity } from '../principals.ts';
import type { AzureWorld } from '../world.ts';
import { ArmError, invalidRequestContent } from './arm-error.ts';
import { optionalObject, type JsonObject } from './bodies.ts';
import { findResource } from './resources.ts';
import type { ResourceKind } from './upsert-resource.ts';

/** The siteConfig fields the emulator keeps (and answers); anything else is accepted and ignored. */
const keptConfig = ['linuxFxVersion', 'acrUseManagedIdentityCreds', 'healthCheckPath', 'alwaysOn', 'http20Enabled', 'minTlsVersion', 'ftpsState', 'appCommandLine', 'numberOfWorkers'] as const;

export const defaultSiteConfig = {
  numberOfWorkers: 1,
  linuxFxVersion: '',
  acrUseManagedIdentityCreds: false,
  healthCheckPath: null,
  alwaysOn: false,
  http20Enabled: false,
  minTlsVersion: '1.2',
  ftpsState: 'FtpsOnly',
  appCommandLine: '',
};

/** Merges the kept fields of `input` into `base` (PUT and PATCH of config/web both land here). */
export function mergeSiteConfig(base: JsonObject, input: JsonObject | undefined): JsonObject {
  const merged: JsonObject = { ...base };
  for (const key of keptConfig) if (input?.[key] !== undefined) merged[key] = input[key];
  return merged;
}

/** `[{name, value}]` → `{name: value}`, as App Service stores app settings. */
export function appSettingsFromList(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidRequestContent("'siteConfig.appSettings' must be an array of {name, value}");
  const settings: Record<string, string> = {};
  for (const entry of value as { name?: unknown; value?: unknown }[]) {
    if (typeof entry?.name !== 'string') throw invalidRequestContent("every app setting needs a 'name'");
    settings[entry.name] = entry.value === undefined || entry.value === null ? '' : String(entry.value);
  }
  return settings;
}

export function checkSiteName(name: string): void {
  if (!/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,58}[a-zA-Z0-9])?$/.test(name) || name.length < 2) {
    throw new ArmError(
      400,
      'BadRequest',
      `The site name '${name}' is invalid. It can contain only letters, digits and hyphens, must be 2 to 60 characters long, and cannot start or end with a hyphen.`,
    );
  }
}

function requirePlan(world: AzureWorld, serverFarmId: unknown): StoredResource {
  if (typeof serverFarmId !== 'string' || serverFarmId === '') {
    throw new ArmError(400, 'BadRequest', "The parameter 'properties.serverFarmId' is required: pass the id of an App Service plan.");
  }
  const plan = findResource(world, serverFarmId);
  if (!plan || plan.type !== 'Microsoft.Web/serverfarms') {
    throw new ArmError(404, 'NotFound', `Cannot find ServerFarm with name ${serverFarmId.split('/').pop()}.`);
  }
  return plan;
}

export const siteKind: ResourceKind = {
  type: 'Microsoft.Web/sites',
  namespace: 'Microsoft.Web',
  checkName: checkSiteName,
  nameTaken: (name) => new ArmError(409, 'Conflict', `Website with given name ${name} already exists.`),
  asyncCreateStatus: 202,
  build: async (world, input, { existing, id, name, resourceGroup }) => {
    const properties = optionalObject(input.properties, 'properties') ?? {};
    const plan = requirePlan(world, properties.serverFarmId ?? existing?.properties.serverFarmId);
    const siteConfigInput = optionalObject(properties.siteConfig, 'siteConfig');
    const siteConfig = mergeSiteConfig((existing?.properties.siteConfig as JsonObject | undefined) ?? defaultSiteConfig, siteConfigInput);
    const linuxFxVersion = siteConfig.linuxFxVersion;
    if (typeof linuxFxVersion === 'string' && linuxFxVersion !== '' && plan.properties.reserved !== true) {
      throw new ArmError(400, 'BadRequest', `linuxFxVersion '${linuxFxVersion}' needs a Linux App Service plan: create '${plan.name}' with reserved: true.`);
    }
    if (typeof input.identity === 'object' && input.identity !== null && /userassigned/i.test(String((input.identity as JsonObject).type))) {
      throw new ArmError(400, 'BadRequest', 'The skylift local cloud emulates system-assigned identities only: use identity.type SystemAssigned.');
    }
    const settings = appSettingsFromList(siteConfigInput?.appSettings);
    if (settings) world.store.state.appSettings[id.toLowerCase()] = settings;
    else world.store.state.appSettings[id.toLowerCase()] ??= {};
    const defaultHostName = (existing?.properties.defaultHostName as string | undefined) ?? (await world.hooks.endpointFor({ id, type: 'Microsoft.Web/sites' }));
    const kind = typeof input.kind === 'string' ? input.kind : (existing?.kind ?? 'app');
    const identity = systemIdentity(world, input.identity, existing, id, name);
    return {
      kind,
      identity,
      properties: {
        name,
        state: (existing?.properties.state as string | undefined) ?? 'Running',
        hostNames: [defaultHostName],
        enabledHostNames: [defaultHostName],
        hostNameSslStates: [{ name: defaultHostName, sslState: 'Disabled', hostType: 'Standard' }],
        defaultHostName,
        repositorySiteName: name,
        usageState: 'Normal',
        enabled: true,
        availabilityState: 'Normal',
        serverFarmId: plan.id,
        reserved: plan.properties.reserved === true,
        isXenon: false,
        hyperV: false,
        lastModifiedTimeUtc: new Date(world.clock.now()).toISOString(),
        siteConfig,
        httpsOnly: typeof properties.httpsOnly === 'boolean' ? properties.httpsOnly : ((existing?.properties.httpsOnly as boolean | undefined) ?? false),
        clientAffinityEnabled:
          typeof properties.clientAffinityEnabled === 'boolean' ? properties.clientAffinityEnabled : ((existing?.properties.clientAffinityEnabled as boolean | undefined) ?? true),
        clientCertEnabled: false,
        hostNamesDisabled: false,
        outboundIpAddresses: '127.0.0.1',
        possibleOutboundIpAddresses: '127.0.0.1',
        inboundIpAddress: '127.0.0.1',
        containerSize: 0,
        resourceGroup,
        keyVaultReferenceIdentity: 'SystemAssigned',
        publicNetworkAccess: null,
        storageAccountRequired: false,
      },
    };
  },
};

/** A site's GET hides app settings (`siteConfig.appSettings: null`), as App Service does. */
export function withHiddenSettings(body: { properties: Record<string, unknown> }) {
  const siteConfig = body.properties.siteConfig as JsonObject | undefined;
  return { ...body, properties: { ...body.properties, siteConfig: siteConfig === undefined ? undefined : { ...siteConfig, appSettings: null } } };
}
