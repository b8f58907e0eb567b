import { ArmError } from './arm-error.ts';

/** Public-cloud regions (normalised names). Unknown ones are refused the way ARM refuses them. */
const regions = [
  'eastus', 'eastus2', 'westus', 'westus2', 'westus3', 'centralus', 'northcentralus', 'southcentralus', 'westcentralus',
  'canadacentral', 'canadaeast', 'brazilsouth', 'northeurope', 'westeurope', 'uksouth', 'ukwest', 'francecentral',
  'germanywestcentral', 'switzerlandnorth', 'norwayeast', 'swedencentral', 'polandcentral', 'italynorth', 'spaincentral',
  'eastasia', 'southeastasia', 'japaneast', 'japanwest', 'koreacentral', 'australiaeast', 'australiasoutheast',
  'centralindia', 'southindia', 'uaenorth', 'southafricanorth', 'qatarcentral', 'israelcentral', 'mexicocentral',
];

/** `West Europe` → `westeurope`, as ARM stores and answers it. */
export function normaliseLocation(location: unknown, what: string): string {
  if (typeof location !== 'string' || location.trim() === '') {
    throw new ArmError(400, 'LocationRequired', 'The location property is required for this definition.');
  }
  const normalised = location.replace(/\s+/g, '').toLowerCase();
  if (!regions.includes(normalised) && what === 'resourceGroups') {
    throw new ArmError(
      400,
      'LocationNotAvailableForResourceGroup',
      `The provided location '${location}' is not available for resource group. List of available regions is '${regions.join(',')}'.`,
    );
  }
  if (!regions.includes(normalised)) {
    throw new ArmError(
      400,
      'LocationNotAvailableForResourceType',
      `The provided location '${location}' is not available for resource type '${what}'. List of available regions for the resource type is '${regions.join(',')}'.`,
    );
  }
  return normalised;
}
