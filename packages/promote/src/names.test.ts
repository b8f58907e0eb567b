import { describe, expect, it } from 'vitest';
import { deriveNames, projectSlug } from './names.ts';

const base = { projectName: '@skylift/Sample_API', projectDir: '/a', subscriptionId: 'sub' };

describe('deriveNames', () => {
  it('derives valid, stable names from the project', () => {
    const names = deriveNames(base);
    expect(names).toEqual(deriveNames(base));
    expect(names.project).toBe('sample-api');
    expect(names.site).toMatch(/^sample-api-[0-9a-f]{6}$/);
    expect(names.registry).toMatch(/^sampleapi[0-9a-f]{6}acr$/);
    expect(names.resourceGroup).toBe(`${names.site}-rg`);
    expect(deriveNames({ ...base, projectDir: '/b' }).site).not.toBe(names.site);
  });

  it('uses --name and validates it before any call', () => {
    expect(deriveNames({ ...base, name: 'my-app' }).site).toBe('my-app');
    expect(() => deriveNames({ ...base, name: 'My_App' })).toThrow(expect.objectContaining({ code: 'SKYLIFT_PROMOTE_INVALID_NAME' }));
    expect(() => deriveNames({ ...base, name: 'a' })).toThrow(/site name "a"/);
    expect(() => deriveNames({ ...base, name: 'x'.repeat(61) })).toThrow(/2-60/);
  });

  it('slugs odd project names into something Azure accepts', () => {
    expect(projectSlug('@scope/My  App!!')).toBe('my-app');
    expect(projectSlug('___')).toBe('app');
  });
});
