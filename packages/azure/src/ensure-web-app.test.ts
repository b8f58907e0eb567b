import { describe, expect, it } from 'vitest';
import { desiredAppSettings, desiredSite, settingsMatch, siteMatches, type WebAppSpec } from './ensure-web-app.ts';

const spec: WebAppSpec = {
  resourceGroup: 'rg',
  name: 'demo-api',
  location: 'westeurope',
  project: 'demo',
  planId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverfarms/demo-plan',
  image: { loginServer: 'demo.azurecr.io', repository: 'sample-api', tag: 'v1' },
  port: 3000,
  healthCheckPath: '/health',
  appSettings: { GREETING: 'hi' },
};

describe('desiredSite', () => {
  it('is a Linux container app pulled by its own identity, HTTPS only, tagged', () => {
    expect(desiredSite(spec)).toEqual({
      location: 'westeurope',
      kind: 'app,linux,container',
      tags: { 'managed-by': 'skylift', 'skylift-project': 'demo' },
      serverFarmId: spec.planId,
      httpsOnly: true,
      identity: { type: 'SystemAssigned' },
      siteConfig: {
        linuxFxVersion: 'DOCKER|demo.azurecr.io/sample-api:v1',
        acrUseManagedIdentityCreds: true,
        healthCheckPath: '/health',
        appSettings: [
          { name: 'GREETING', value: 'hi' },
          { name: 'WEBSITES_PORT', value: '3000' },
          { name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE', value: 'false' },
        ],
      },
    });
  });

  it('does not let user settings override the port', () => {
    expect(desiredAppSettings({ ...spec, appSettings: { WEBSITES_PORT: '80' } }).WEBSITES_PORT).toBe('3000');
  });
});

describe('siteMatches', () => {
  // As real Azure answers a GET of the site: siteConfig present but blanked; the values live in config/web.
  const live = {
    ...desiredSite(spec),
    serverFarmId: spec.planId.toLowerCase(),
    identity: { type: 'SystemAssigned' as const, principalId: 'p' },
    siteConfig: { acrUseManagedIdentityCreds: false },
  };
  const config = { linuxFxVersion: 'DOCKER|demo.azurecr.io/sample-api:v1', acrUseManagedIdentityCreds: true, healthCheckPath: '/health' };

  it('accepts the site as Azure returns it (ids case-insensitive, config from config/web)', () => {
    expect(siteMatches(live, config, spec)).toBe(true);
  });

  it('notices a new image, a lost identity, http allowed, pulls without identity or another health path', () => {
    expect(siteMatches(live, config, { ...spec, image: { ...spec.image, tag: 'v2' } })).toBe(false);
    expect(siteMatches({ ...live, identity: { type: 'None' } }, config, spec)).toBe(false);
    expect(siteMatches({ ...live, httpsOnly: false }, config, spec)).toBe(false);
    expect(siteMatches(live, { ...config, acrUseManagedIdentityCreds: false }, spec)).toBe(false);
    expect(siteMatches(live, config, { ...spec, healthCheckPath: '/ready' })).toBe(false);
  });
});

describe('settingsMatch', () => {
  it('compares both ways', () => {
    expect(settingsMatch({ A: '1' }, { A: '1' })).toBe(true);
    expect(settingsMatch({ A: '1', B: '2' }, { A: '1' })).toBe(false);
    expect(settingsMatch({ A: '1' }, { A: '2' })).toBe(false);
  });
});
