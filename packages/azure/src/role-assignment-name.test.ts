import { describe, expect, it } from 'vitest';
import { normaliseScope, roleAssignmentName } from './role-assignment-name.ts';

const scope = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/demo';
const role = '/subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d';
const principal = '11111111-2222-3333-4444-555555555555';

describe('roleAssignmentName', () => {
  it('is an RFC 4122 version-5 UUID', () => {
    expect(roleAssignmentName(scope, principal, role)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('is the same for the same grant however the scope and role are spelled', () => {
    const name = roleAssignmentName(scope, principal, role);
    expect(roleAssignmentName(`/${scope}`, principal, role)).toBe(name);
    expect(roleAssignmentName(scope.toLowerCase(), principal.toUpperCase(), role)).toBe(name);
    expect(roleAssignmentName(`${scope}/`, principal, '7f951dda-4ed3-4680-a7ca-43fe172d538d')).toBe(name);
  });

  it('differs when the scope, principal or role differs', () => {
    const name = roleAssignmentName(scope, principal, role);
    expect(roleAssignmentName(`${scope}2`, principal, role)).not.toBe(name);
    expect(roleAssignmentName(scope, principal.replace('1', '9'), role)).not.toBe(name);
    expect(roleAssignmentName(scope, principal, role.replace('7f95', '8311'))).not.toBe(name);
  });

  it('normalises the SDK-style //subscriptions scope', () => {
    expect(normaliseScope('//subscriptions/A/resourceGroups/B/')).toBe('/subscriptions/a/resourcegroups/b');
  });
});
