import { AzureInvalidName } from './errors.ts';

/**
 * Azure's naming rules, checked before any call so a bad name costs nothing and says exactly what is
 * wrong. Sources: "Naming rules and restrictions for Azure resources" (Microsoft Learn).
 */
interface NameRule {
  readonly kind: string;
  readonly pattern: RegExp;
  readonly rule: string;
}

const RULES = {
  resourceGroup: {
    kind: 'resource group',
    pattern: /^[-\w.()\p{L}\p{N}]{0,89}[-\w()\p{L}\p{N}]$/u,
    rule: '1-90 letters, digits, underscores, hyphens, periods and parentheses, not ending with a period',
  },
  registry: {
    kind: 'registry',
    pattern: /^[a-zA-Z0-9]{5,50}$/,
    rule: '5-50 letters and digits only (no hyphens)',
  },
  plan: {
    kind: 'App Service plan',
    pattern: /^[a-zA-Z0-9-]{1,60}$/,
    rule: '1-60 letters, digits and hyphens',
  },
  site: {
    kind: 'web app',
    pattern: /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,58}[a-zA-Z0-9])?$/,
    rule: '2-60 letters, digits and hyphens, not starting or ending with a hyphen',
  },
  location: {
    kind: 'location',
    pattern: /^[a-z][a-z0-9]{1,39}$/,
    rule: 'an Azure region name such as westeurope (lowercase, no spaces)',
  },
  repository: {
    kind: 'image repository',
    pattern: /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/,
    rule: 'lowercase path components of letters and digits separated by . _ - or /',
  },
  tag: {
    kind: 'image tag',
    pattern: /^[\w][\w.-]{0,127}$/,
    rule: '1-128 letters, digits, underscores, periods and hyphens, not starting with . or -',
  },
} satisfies Record<string, NameRule>;

export type NameKind = keyof typeof RULES;

/** Throws SKYLIFT_AZURE_INVALID_NAME naming the rule; returns the name for chaining. */
export function validateName(kind: NameKind, name: string): string {
  const rule: NameRule = RULES[kind];
  if (kind === 'site' && name.length < 2) throw AzureInvalidName(rule.kind, name, rule.rule);
  if (!rule.pattern.test(name)) throw AzureInvalidName(rule.kind, name, rule.rule);
  return name;
}

export interface ResourceNames {
  readonly resourceGroup: string;
  readonly registry: string;
  readonly plan: string;
  readonly site: string;
}

/** Checks every name of a deployment at once, before the first ARM call. */
export function validateNames(names: ResourceNames): ResourceNames {
  validateName('resourceGroup', names.resourceGroup);
  validateName('registry', names.registry);
  validateName('plan', names.plan);
  validateName('site', names.site);
  return names;
}

export interface ImageRef {
  /** Read from the registry (`registry.loginServer`), never built. */
  readonly loginServer: string;
  readonly repository: string;
  readonly tag: string;
}

/** App Service's spelling of "run this image": `DOCKER|<loginServer>/<repo>:<tag>`. */
export function linuxFxVersion(image: ImageRef): string {
  validateName('repository', image.repository);
  validateName('tag', image.tag);
  return `DOCKER|${image.loginServer}/${image.repository}:${image.tag}`;
}
