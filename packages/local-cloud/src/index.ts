export { skyliftHome, localCloudDir } from './paths.ts';
export { ensureLocalCa, type LocalCa } from './ca.ts';
export { ensureDockerEngine, type DockerEngine } from './docker-engine.ts';
export { ensureRegistry } from './registry.ts';
export type { RegistryEndpoints } from './registry-service.ts';
export { ensureNodeBaseImage, nodeBaseImageTag } from './node-base-image.ts';
export { ensureDebianPackages, ensureChromium, CHROMIUM_PATH } from './debian-packages.ts';
export {
  ensureLocalCloud,
  ensureService,
  stopLocalCloud,
  localCloudStatus,
  type LocalCloud,
  type LocalCloudStatus,
  type ServiceStatus,
  type StopResult,
  type SupervisorOptions,
} from './supervisor.ts';
export { nodeDaemon, type ServiceDefinition, type Endpoints } from './service-definition.ts';
export type { ServiceRecord } from './state.ts';
export { startNgrokEdge, type NgrokEdge, type NgrokEdgeOptions } from './ngrok-edge/edge.ts';
export { localNgrokEdge, type LocalNgrokEdge } from './ngrok-edge/local-edge.ts';
export { startAzureEmulator, localAzure, type AzureEmulator, type AzureEmulatorOptions, type LocalAzure, type AzureFaults, type ArmFaultRule } from './azure/index.ts';
