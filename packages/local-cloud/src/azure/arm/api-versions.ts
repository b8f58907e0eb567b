import { ArmError } from './arm-error.ts';

/**
 * The api-versions each family answers. The ones the SDKs pinned here send come last; older ones
 * share the same wire shapes for the fields the emulator implements.
 */
export const apiVersions = {
  resources: ['2019-10-01', '2020-06-01', '2021-04-01', '2022-09-01', '2023-07-01', '2024-03-01', '2024-07-01', '2024-11-01', '2025-03-01', '2025-04-01'],
  subscriptions: ['2016-06-01', '2019-06-01', '2020-01-01', '2021-01-01', '2022-12-01'],
  containerRegistry: ['2019-05-01', '2021-09-01', '2022-12-01', '2023-07-01', '2023-11-01-preview', '2025-04-01', '2025-11-01'],
  web: ['2022-03-01', '2022-09-01', '2023-01-01', '2023-12-01', '2024-04-01', '2024-11-01', '2025-03-01', '2025-05-01'],
  roleAssignments: ['2020-04-01-preview', '2022-04-01'],
  roleDefinitions: ['2015-07-01', '2018-01-01-preview', '2022-04-01'],
} as const;

export type ApiFamily = keyof typeof apiVersions;

/** Families ARM serves itself answer `InvalidApiVersionParameter`; providers answer `NoRegisteredProviderFound`. */
const armOwned: ReadonlySet<ApiFamily> = new Set(['resources', 'subscriptions']);

export function checkApiVersion(family: ApiFamily, given: string | null, resourceType: string, location: string): string {
  if (given === null || given === '') {
    throw new ArmError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
  }
  const supported: readonly string[] = apiVersions[family];
  if (supported.includes(given)) return given;
  const list = supported.join(',');
  if (armOwned.has(family)) {
    throw new ArmError(400, 'InvalidApiVersionParameter', `The api-version '${given}' is invalid. The supported versions are '${list}'. The supported locations are ''.`);
  }
  throw new ArmError(
    400,
    'NoRegisteredProviderFound',
    `No registered resource provider found for location '${location}' and API version '${given}' for type '${resourceType}'. The supported api-versions are '${list}'. The supported locations are '${location}'.`,
  );
}
