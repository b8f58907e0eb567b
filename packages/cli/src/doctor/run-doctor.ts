import type { TokenCredential } from '@azure/core-auth';
import type { LocalCloudStatus } from '@skylift/local-cloud';
import type { NgrokAuthtokenLookup } from '@skylift/tunnel';
import { checkAzureCredentials } from './azure-check.ts';
import { doctorReport, type DoctorReport } from './check.ts';
import { checkDockerEngine, checkLocalCloud } from './docker-check.ts';
import { checkNgrokAuthtoken } from './ngrok-check.ts';
import { checkNodeVersion } from './node-check.ts';

/** What the doctor looks at, handed in so tests can point it at a chosen world. */
export interface DoctorInputs {
  readonly nodeVersion: string;
  readonly localCloudStatus: () => Promise<LocalCloudStatus>;
  readonly azureCredential: () => TokenCredential;
  readonly ngrokAuthtoken: () => Promise<NgrokAuthtokenLookup>;
  readonly azureTimeoutMs?: number;
}

/** All checks at once (the slowest, Azure, is bounded); never starts or changes anything. */
export async function runDoctor(inputs: DoctorInputs): Promise<DoctorReport> {
  const [status, azure, ngrok] = await Promise.all([
    inputs.localCloudStatus(),
    checkAzureCredentials(inputs.azureCredential(), inputs.azureTimeoutMs),
    inputs.ngrokAuthtoken().then(checkNgrokAuthtoken),
  ]);
  return doctorReport([checkNodeVersion(inputs.nodeVersion), checkDockerEngine(status.engine), azure, ngrok, checkLocalCloud(status)]);
}
