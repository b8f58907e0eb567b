import { describe, expect, it } from 'vitest';
import { armScope, isCloudName, localCloud, PUBLIC_CLOUDS } from './clouds.ts';

describe('clouds', () => {
  it('derives the ARM scope from the endpoint, for every cloud', () => {
    expect(armScope(PUBLIC_CLOUDS.AzureCloud)).toBe('https://management.azure.com/.default');
    expect(armScope(PUBLIC_CLOUDS.AzureChinaCloud)).toBe('https://management.chinacloudapi.cn/.default');
    expect(armScope(PUBLIC_CLOUDS.AzureUSGovernment)).toBe('https://management.usgovcloudapi.net/.default');
    expect(armScope(localCloud('https://127.0.0.1:4443/'))).toBe('https://127.0.0.1:4443/.default');
  });

  it('knows each sovereign cloud’s registry suffix and authority', () => {
    expect(PUBLIC_CLOUDS.AzureChinaCloud.acrLoginServerSuffix).toBe('.azurecr.cn');
    expect(PUBLIC_CLOUDS.AzureUSGovernment.authorityHost).toBe('https://login.microsoftonline.us');
    expect(localCloud('https://127.0.0.1:1').acrLoginServerSuffix).toBeUndefined();
  });

  it('recognises cloud names', () => {
    expect(['AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment', 'local'].every(isCloudName)).toBe(true);
    expect(isCloudName('AzureGermanCloud')).toBe(false);
    expect(isCloudName('toString')).toBe(false);
  });
});

describe('parseCloudName', () => {
  it('fails on a typo with the list of clouds', async () => {
    const { parseCloudName } = await import('./connect.ts');
    expect(parseCloudName('AzureChinaCloud')).toBe('AzureChinaCloud');
    expect(() => parseCloudName('azurecloud')).toThrow(/unknown Azure cloud "azurecloud": use AzureCloud, AzureChinaCloud, AzureUSGovernment or local/);
  });
});
