/**
 * A cloud is a set of endpoints. Everything that talks to Azure takes one, so the public cloud, the
 * sovereign clouds and the local emulator run the same code.
 */
export type CloudName = 'AzureCloud' | 'AzureChinaCloud' | 'AzureUSGovernment' | 'local';

export interface AzureCloud {
  readonly name: CloudName;
  /** ARM endpoint without a trailing slash, e.g. `https://management.azure.com`. */
  readonly armEndpoint: string;
  /** Entra authority host; undefined for `local`, whose tokens come from its identity endpoint. */
  readonly authorityHost?: string;
  /**
   * DNS suffix of ACR login servers (`.azurecr.io`); undefined for `local`, whose login servers are
   * loopback ports: read `registry.loginServer`, never build it.
   */
  readonly acrLoginServerSuffix?: string;
}

export const PUBLIC_CLOUDS: Readonly<Record<Exclude<CloudName, 'local'>, AzureCloud>> = {
  AzureCloud: {
    name: 'AzureCloud',
    armEndpoint: 'https://management.azure.com',
    authorityHost: 'https://login.microsoftonline.com',
    acrLoginServerSuffix: '.azurecr.io',
  },
  AzureChinaCloud: {
    name: 'AzureChinaCloud',
    armEndpoint: 'https://management.chinacloudapi.cn',
    authorityHost: 'https://login.chinacloudapi.cn',
    acrLoginServerSuffix: '.azurecr.cn',
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    armEndpoint: 'https://management.usgovcloudapi.net',
    authorityHost: 'https://login.microsoftonline.us',
    acrLoginServerSuffix: '.azurecr.us',
  },
};

/** The local emulator as a cloud: its ARM endpoint is whatever loopback port it listens on. */
export function localCloud(armEndpoint: string): AzureCloud {
  return { name: 'local', armEndpoint: armEndpoint.replace(/\/+$/, '') };
}

/**
 * The token scope for ARM. Always passed explicitly: some SDK clients default to the public
 * cloud's scope whatever endpoint they are given.
 */
export function armScope(cloud: AzureCloud): string {
  return `${cloud.armEndpoint}/.default`;
}

export function isCloudName(value: string): value is CloudName {
  return value === 'local' || Object.hasOwn(PUBLIC_CLOUDS, value);
}
