import { defineError } from '@skylift/core';

const usage = 2;
const docs = 'see packages/compare/README.md';

export const SuiteInvalid = defineError(
  'SKYLIFT_COMPARE_SUITE_INVALID',
  (where: string, problem: string, more: number) =>
    `${where}: ${problem}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}; fix the suite (${docs})`,
  usage,
);

export const SuiteUnreadable = defineError(
  'SKYLIFT_COMPARE_SUITE_UNREADABLE',
  (path: string, reason: string) => `cannot read ${path} (${reason}); pass an existing suite file with --suite`,
  usage,
);

export const CaptureInvalid = defineError(
  'SKYLIFT_COMPARE_CAPTURE_INVALID',
  (where: string, problem: string) => `${where}: ${problem}; pass a capture written by \`skylift share\` (one JSON exchange per line)`,
  usage,
);

export const OpenApiInvalid = defineError(
  'SKYLIFT_COMPARE_OPENAPI_INVALID',
  (source: string, problem: string) => `${source}: ${problem}; pass an OpenAPI 3 or Swagger 2 document (JSON or YAML) to --openapi`,
  usage,
);

export const NoRequests = defineError(
  'SKYLIFT_COMPARE_NO_REQUESTS',
  (why: string) => `nothing to send: ${why}`,
  usage,
);

export const TargetsInvalid = defineError(
  'SKYLIFT_COMPARE_TARGETS_INVALID',
  (problem: string) => `${problem}; usage: skylift compare <baseline-url> <candidate-url> [...]`,
  usage,
);

export const OptionInvalid = defineError(
  'SKYLIFT_COMPARE_OPTION_INVALID',
  (option: string, problem: string) => `${option} ${problem}`,
  usage,
);
