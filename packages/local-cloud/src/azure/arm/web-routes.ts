import type { StoredResource } from '../state.ts';
import type { AzureWorld } from '../world.ts';
import { ArmError } from './arm-error.ts';
import type { ArmReply, ArmRequest, ArmRoute } from './arm-route.ts';
import { objectBody, optionalObject, tagsOf, type JsonObject } from './bodies.ts';
import { deleteResource, findResource, renderResource, requireGroup, requireResource, requireSubscription, resourceId, resourcesOfType } from './resources.ts';
import { deleteTrackedResource, upsertResource } from './upsert-resource.ts';
import { planKind } from './web-plans.ts';
import { mergeSiteConfig, siteKind, withHiddenSettings } from './web-sites.ts';

const groupBase = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Web';
const planPath = `${groupBase}/serverfarms/{name}`;
const sitePath = `${groupBase}/sites/{name}`;

const scopeOf = (params: Record<string, string>, type: string) =>
  `/subscriptions/${params.subscriptionId}/resourceGroups/${params.resourceGroupName}/providers/Microsoft.Web/${type}/${params.name}`;
const planPermission = (verb: string) => (params: Record<string, string>) => ({ action: `Microsoft.Web/serverfarms/${verb}`, scope: scopeOf(params, 'serverfarms') });
const sitePermission = (verb: string) => (params: Record<string, string>) => ({ action: `Microsoft.Web/sites/${verb}`, scope: scopeOf(params, 'sites') });

const renderSite = (world: AzureWorld, site: StoredResource) => withHiddenSettings(renderResource(world, site));
const site = (request: ArmRequest, world: AzureWorld) => requireResource(world, request.params, 'Microsoft.Web/sites', request.params.name as string);

function configBody(site: StoredResource, name: string, properties: unknown) {
  return { id: `${site.id}/config/${name}`, name, type: 'Microsoft.Web/sites/config', location: site.location, properties };
}

function listRoutes(type: 'serverfarms' | 'sites', render: (world: AzureWorld, resource: StoredResource) => unknown): ArmRoute[] {
  const fullType = `Microsoft.Web/${type}`;
  return [
    {
      method: 'GET',
      pattern: `/subscriptions/{subscriptionId}/providers/Microsoft.Web/${type}`,
      family: 'web',
      resourceType: type,
      permission: (params) => ({ action: `${fullType}/read`, scope: `/subscriptions/${params.subscriptionId}` }),
      handle: (request, world) => {
        requireSubscription(world, request.params.subscriptionId as string);
        return { status: 200, body: { value: resourcesOfType(world, fullType, `/subscriptions/${world.store.state.subscriptionId}`).map((resource) => render(world, resource)) } };
      },
    },
    {
      method: 'GET',
      pattern: `${groupBase}/${type}`,
      family: 'web',
      resourceType: type,
      permission: (params) => ({ action: `${fullType}/read`, scope: `/subscriptions/${params.subscriptionId}/resourceGroups/${params.resourceGroupName}` }),
      handle: (request, world) => {
        const group = requireGroup(world, request.params.subscriptionId as string, request.params.resourceGroupName as string);
        return { status: 200, body: { value: resourcesOfType(world, fullType, group.id).map((resource) => render(world, resource)) } };
      },
    },
  ];
}

/** Site actions answer 200 with no body. */
function siteAction(action: 'restart' | 'stop' | 'start'): ArmRoute {
  return {
    method: 'POST',
    pattern: `${sitePath}/${action}`,
    family: 'web',
    resourceType: 'sites',
    permission: sitePermission(`${action}/action`),
    handle: async (request, world): Promise<ArmReply> => {
      const target = site(request, world);
      if (action !== 'restart') target.properties.state = action === 'stop' ? 'Stopped' : 'Running';
      await world.store.save();
      world.hooks.changed(target, action === 'restart' ? 'restarted' : action === 'stop' ? 'stopped' : 'started');
      if (action === 'restart' && request.query.get('synchronous') === 'true') await world.hooks.started(target);
      return { status: 200 };
    },
  };
}

async function updateWebConfig(request: ArmRequest, world: AzureWorld): Promise<ArmReply> {
  const target = site(request, world);
  const input = objectBody(request.body);
  const properties = optionalObject(input.properties, 'properties') ?? {};
  const before = JSON.stringify(target.properties.siteConfig);
  target.properties.siteConfig = mergeSiteConfig(target.properties.siteConfig as JsonObject, properties);
  await world.store.save();
  if (JSON.stringify(target.properties.siteConfig) !== before) world.hooks.changed(target, 'updated');
  return { status: 200, body: configBody(target, 'web', { ...(target.properties.siteConfig as JsonObject), appSettings: null }) };
}

const sitesOnPlan = (world: AzureWorld, planId: string) =>
  resourcesOfType(world, 'Microsoft.Web/sites', `/subscriptions/${world.store.state.subscriptionId}`).filter(
    (candidate) => String(candidate.properties.serverFarmId).toLowerCase() === planId.toLowerCase(),
  );

/** `DELETE …/sites/{name}?deleteEmptyServerFarm=true`: the plan goes too when no site is left on it. */
async function deletePlanIfEmpty(world: AzureWorld, planId: string): Promise<void> {
  const plan = findResource(world, planId);
  if (plan && sitesOnPlan(world, plan.id).length === 0) await deleteResource(world, plan);
}

export const webRoutes: ArmRoute[] = [
  ...listRoutes('serverfarms', renderResource),
  ...listRoutes('sites', renderSite),
  {
    method: 'PUT',
    pattern: planPath,
    family: 'web',
    resourceType: 'serverfarms',
    permission: planPermission('write'),
    handle: async (request, world) => (await upsertResource(world, request, planKind, request.params.name as string)).reply,
  },
  {
    method: 'GET',
    pattern: planPath,
    family: 'web',
    resourceType: 'serverfarms',
    permission: planPermission('read'),
    handle: (request, world) => ({ status: 200, body: renderResource(world, requireResource(world, request.params, 'Microsoft.Web/serverfarms', request.params.name as string)) }),
  },
  {
    method: 'DELETE',
    pattern: planPath,
    family: 'web',
    resourceType: 'serverfarms',
    permission: planPermission('delete'),
    handle: (request, world) => {
      const group = requireGroup(world, request.params.subscriptionId as string, request.params.resourceGroupName as string);
      const plan = findResource(world, resourceId(world.store.state.subscriptionId, group.name, 'Microsoft.Web/serverfarms', request.params.name as string));
      const sites = plan ? sitesOnPlan(world, plan.id) : [];
      if (plan && sites.length > 0) {
        throw new ArmError(409, 'Conflict', `Server farm '${plan.name}' cannot be deleted because it has web app(s) ${sites.map((s) => s.name).join(',')} assigned to it.`);
      }
      return deleteTrackedResource(world, request, plan, { asyncAllowed: false, namespace: 'Microsoft.Web' });
    },
  },
  {
    method: 'PUT',
    pattern: sitePath,
    family: 'web',
    resourceType: 'sites',
    permission: sitePermission('write'),
    handle: async (request, world) => {
      const { reply, resource, created } = await upsertResource(world, request, siteKind, request.params.name as string);
      world.hooks.changed(resource, created ? 'created' : 'updated');
      return { ...reply, body: renderSite(world, resource) };
    },
  },
  {
    method: 'PATCH',
    pattern: sitePath,
    family: 'web',
    resourceType: 'sites',
    permission: sitePermission('write'),
    handle: async (request, world) => {
      const target = site(request, world);
      const input = objectBody(request.body);
      const properties = optionalObject(input.properties, 'properties') ?? {};
      if (input.tags !== undefined) target.tags = tagsOf(input.tags);
      if (typeof properties.httpsOnly === 'boolean') target.properties.httpsOnly = properties.httpsOnly;
      const siteConfig = optionalObject(properties.siteConfig, 'siteConfig');
      if (siteConfig) target.properties.siteConfig = mergeSiteConfig(target.properties.siteConfig as JsonObject, siteConfig);
      await world.store.save();
      world.hooks.changed(target, 'updated');
      return { status: 200, body: renderSite(world, target) };
    },
  },
  {
    method: 'GET',
    pattern: sitePath,
    family: 'web',
    resourceType: 'sites',
    permission: sitePermission('read'),
    handle: (request, world) => ({ status: 200, body: renderSite(world, site(request, world)) }),
  },
  {
    method: 'DELETE',
    pattern: sitePath,
    family: 'web',
    resourceType: 'sites',
    permission: sitePermission('delete'),
    handle: async (request, world) => {
      const group = requireGroup(world, request.params.subscriptionId as string, request.params.resourceGroupName as string);
      const target = findResource(world, resourceId(world.store.state.subscriptionId, group.name, 'Microsoft.Web/sites', request.params.name as string));
      const reply = await deleteTrackedResource(world, request, target, { asyncAllowed: false, namespace: 'Microsoft.Web' });
      if (target && request.query.get('deleteEmptyServerFarm') === 'true') await deletePlanIfEmpty(world, String(target.properties.serverFarmId));
      return reply;
    },
  },
  {
    method: 'PUT',
    pattern: `${sitePath}/config/appsettings`,
    family: 'web',
    resourceType: 'sites/config',
    permission: sitePermission('config/write'),
    handle: async (request, world) => {
      const target = site(request, world);
      const properties = optionalObject(objectBody(request.body).properties, 'properties') ?? {};
      const settings = Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, value === null || value === undefined ? '' : String(value)]));
      world.store.state.appSettings[target.id.toLowerCase()] = settings;
      await world.store.save();
      // App Service restarts the app when its settings change.
      world.hooks.changed(target, 'settings');
      return { status: 200, body: configBody(target, 'appsettings', settings) };
    },
  },
  {
    method: 'POST',
    pattern: `${sitePath}/config/appsettings/list`,
    family: 'web',
    resourceType: 'sites/config',
    permission: sitePermission('config/list/action'),
    handle: (request, world) => {
      const target = site(request, world);
      return { status: 200, body: configBody(target, 'appsettings', world.store.state.appSettings[target.id.toLowerCase()] ?? {}) };
    },
  },
  {
    method: 'GET',
    pattern: `${sitePath}/config/web`,
    family: 'web',
    resourceType: 'sites/config',
    permission: sitePermission('config/read'),
    handle: (request, world) => {
      const target = site(request, world);
      return { status: 200, body: configBody(target, 'web', { ...(target.properties.siteConfig as JsonObject), appSettings: null }) };
    },
  },
  { method: 'PUT', pattern: `${sitePath}/config/web`, family: 'web', resourceType: 'sites/config', permission: sitePermission('config/write'), handle: updateWebConfig },
  { method: 'PATCH', pattern: `${sitePath}/config/web`, family: 'web', resourceType: 'sites/config', permission: sitePermission('config/write'), handle: updateWebConfig },
  siteAction('restart'),
  siteAction('stop'),
  siteAction('start'),
  {
    method: 'POST',
    pattern: `${sitePath}/containerlogs`,
    family: 'web',
    resourceType: 'sites',
    permission: sitePermission('containerlogs/action'),
    handle: async (request, world) => {
      const logs = await world.hooks.containerLogs(site(request, world));
      return logs === '' ? { status: 204 } : { status: 200, body: logs, contentType: 'application/octet-stream' };
    },
  },
];
