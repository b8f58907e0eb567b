import { defineError } from '@skylift/core';

export const InvalidName = defineError(
  'SKYLIFT_PROMOTE_INVALID_NAME',
  (kind: string, name: string, rule: string) =>
    `${kind} name "${name}" is not valid (${rule}); pass a valid one with --name or rename the project`,
  2,
);

export const InvalidOption = defineError(
  'SKYLIFT_PROMOTE_INVALID_OPTION',
  (option: string, value: string, fix: string) => `${option} "${value}" is not valid; ${fix}`,
  2,
);

export const PriceTableUnreadable = defineError(
  'SKYLIFT_PROMOTE_PRICE_TABLE_UNREADABLE',
  (path: string, reason: string) =>
    `price table ${path} is not usable (${reason}); fix the JSON or drop SKYLIFT_PRICE_TABLE to use the shipped table`,
  2,
);

export const LedgerTargetMismatch = defineError(
  'SKYLIFT_PROMOTE_TARGET_MISMATCH',
  (recorded: string, requested: string) =>
    `this project is promoted to ${recorded}, not ${requested}; run \`skylift down\` first or pass --target ${recorded.split(' ')[0]}`,
  2,
);

export const NothingToRollBack = defineError(
  'SKYLIFT_PROMOTE_NO_PREVIOUS_IMAGE',
  (url: string) =>
    `the cloud copy at ${url} differs from the baseline and there is no previous image to roll back to; fix the app and promote again`,
);

export const DownNotConfirmed = defineError(
  'SKYLIFT_DOWN_NOT_CONFIRMED',
  () => 'nothing was deleted: confirm with "y", or pass --yes to skip the question',
);

export const DownNeedsTty = defineError(
  'SKYLIFT_DOWN_NEEDS_CONFIRMATION',
  () => 'skylift down deletes cloud resources and stdin is not a terminal; pass --yes to confirm',
  2,
);

export const UntaggedResourceGroup = defineError(
  'SKYLIFT_DOWN_UNTAGGED_GROUP',
  (name: string, project: string) =>
    `resource group ${name} does not carry the tags managed-by=skylift and skylift-project=${project}; skylift will not delete it (delete it yourself if it is really yours)`,
);

export const ForeignResourceGroup = defineError(
  'SKYLIFT_PROMOTE_FOREIGN_GROUP',
  (name: string) =>
    `resource group ${name} exists and was not made by skylift for this project; pick other names with --name`,
  2,
);

export const BaselineNotReady = defineError(
  'SKYLIFT_PROMOTE_BASELINE_NOT_READY',
  (url: string, seconds: number, last: string) =>
    `the local baseline container did not answer ${url} within ${seconds}s (${last}); check that the image starts (skylift promote runs the same check first) or pass --baseline <url>`,
);

export const NoSubscription = defineError(
  'SKYLIFT_PROMOTE_NO_SUBSCRIPTION',
  () => 'no Azure subscription given: pass --subscription <id> or set AZURE_SUBSCRIPTION_ID (az account show --query id -o tsv)',
  2,
);
