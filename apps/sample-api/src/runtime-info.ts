import { hostname } from 'node:os';

export type Cloud = 'azure-app-service' | 'local';

export interface RuntimeInfo {
  node: string;
  platform: NodeJS.Platform;
  hostname: string;
  cloud: Cloud;
}

/** App Service sets WEBSITE_SITE_NAME in every container it runs; nothing else does. */
export function inferCloud(env: NodeJS.ProcessEnv): Cloud {
  return env.WEBSITE_SITE_NAME ? 'azure-app-service' : 'local';
}

export function runtimeInfo(env: NodeJS.ProcessEnv): RuntimeInfo {
  return { node: process.version, platform: process.platform, hostname: hostname(), cloud: inferCloud(env) };
}
