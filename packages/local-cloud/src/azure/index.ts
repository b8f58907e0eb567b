export { startAzureEmulator, type AzureEmulator, type AzureEmulatorOptions } from './emulator.ts';
export { localAzure, type LocalAzure } from './local-azure.ts';
export type { AzureFaults, ArmFaultRule } from './faults.ts';
