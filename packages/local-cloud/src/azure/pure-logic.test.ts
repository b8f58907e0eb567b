import { describe, expect, it } from 'vitest';
import { parseScope, scopesOf } from './acr/scopes.ts';
import { backendNamespace, parseRegistryPath } from './acr/registry-proxy.ts';
import { parseLinuxFxVersion } from './app-service/linux-fx-version.ts';
import type { ArmRoute } from './arm/arm-route.ts';
import { builtInRoles, findRole, roleAllows } from './arm/role-definitions.ts';
import { matchRoute, normalisePath } from './arm/router.ts';
import { scopeCovers } from './rbac.ts';
import type { StoredResource } from './state.ts';

const route = (method: ArmRoute['method'], pattern: string): ArmRoute => ({
  method,
  pattern,
  family: 'resources',
  resourceType: 'x',
  permission: () => ({ action: 'a', scope: '/' }),
  handle: () => ({ status: 200 }),
});

describe('ARM routing', () => {
  it('matches case-insensitively, keeps parameter casing, and takes any scope before a provider suffix', () => {
    const routes = [route('GET', '/subscriptions/{s}/resourcegroups/{rg}'), route('PUT', '{scope+}/providers/Microsoft.Authorization/roleAssignments/{name}')];
    expect(matchRoute(routes, 'GET', '/SUBSCRIPTIONS/abc/resourceGroups/My-RG').params).toEqual({ s: 'abc', rg: 'My-RG' });
    const scoped = matchRoute(routes, 'PUT', normalisePath('//subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/r/providers/Microsoft.Authorization/roleAssignments/n'));
    expect(scoped.params).toEqual({ scope: '/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/r', name: 'n' });
    const wrongMethod = matchRoute(routes, 'DELETE', '/subscriptions/abc/resourcegroups/x');
    expect(wrongMethod).toMatchObject({ route: undefined, pathMatched: true });
  });
});

describe('RBAC', () => {
  it('covers a scope and everything under it, not siblings with a common prefix', () => {
    expect(scopeCovers('/subscriptions/s', '/subscriptions/s/resourceGroups/g')).toBe(true);
    expect(scopeCovers('/subscriptions/s/resourceGroups/g', '/subscriptions/s/resourceGroups/g2')).toBe(false);
    expect(scopeCovers('/SUBSCRIPTIONS/S/', '/subscriptions/s')).toBe(true);
  });

  it("applies actions and notActions with Azure's wildcards", () => {
    const byName = (name: string) => builtInRoles.find((role) => role.roleName === name)!;
    expect(roleAllows(byName('Contributor'), 'Microsoft.Web/sites/write')).toBe(true);
    expect(roleAllows(byName('Contributor'), 'Microsoft.Authorization/roleAssignments/write')).toBe(false);
    expect(roleAllows(byName('Reader'), 'Microsoft.ContainerRegistry/registries/pull/read')).toBe(true);
    expect(roleAllows(byName('AcrPull'), 'Microsoft.ContainerRegistry/registries/push/write')).toBe(false);
    expect(findRole('/providers/Microsoft.Authorization/roleDefinitions/7F951DDA-4ED3-4680-A7CA-43FE172D538D')?.roleName).toBe('AcrPull');
  });
});

describe('ACR data plane parsing', () => {
  it('reads token scopes, several per parameter', () => {
    expect(parseScope('repository:team/app:pull,push')).toEqual({ type: 'repository', name: 'team/app', actions: ['pull', 'push'] });
    expect(scopesOf(['repository:a:pull registry:catalog:*'])).toEqual([
      { type: 'repository', name: 'a', actions: ['pull'] },
      { type: 'registry', name: 'catalog', actions: ['*'] },
    ]);
    expect(parseScope('nonsense')).toBeUndefined();
  });

  it('splits registry paths into repository and operation, and namespaces registries apart', () => {
    expect(parseRegistryPath('/v2/team/app/blobs/uploads/')).toEqual({ repository: 'team/app', rest: 'blobs/uploads/' });
    expect(parseRegistryPath('/v2/app/manifests/v1')).toEqual({ repository: 'app', rest: 'manifests/v1' });
    const registry = { id: '/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/Reg1', name: 'Reg1', createdAt: '2026-01-01T00:00:00Z' } as StoredResource;
    expect(backendNamespace(registry)).toMatch(/^acr\/reg1-[0-9a-f]{10}$/);
    expect(backendNamespace({ ...registry, createdAt: '2026-01-02T00:00:00Z' })).not.toBe(backendNamespace(registry));
  });
});

describe('linuxFxVersion', () => {
  it('finds the image and its registry', () => {
    expect(parseLinuxFxVersion('DOCKER|127.0.0.1:5000/app/api:v1')).toEqual({ image: '127.0.0.1:5000/app/api:v1', registry: '127.0.0.1:5000' });
    expect(parseLinuxFxVersion('DOCKER|nginx:latest')).toEqual({ image: 'nginx:latest', registry: 'docker.io' });
    expect(parseLinuxFxVersion('NODE|20-lts')).toBeUndefined();
  });
});
