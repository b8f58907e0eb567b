import { createHash } from 'node:crypto';
import { InvalidName } from './errors.ts';

/** The names of everything promote creates; kept in the ledger so later runs reuse them. */
export interface PromoteNames {
  readonly project: string;
  readonly resourceGroup: string;
  readonly registry: string;
  readonly plan: string;
  readonly site: string;
  /** Repository inside the registry. */
  readonly repository: string;
}

/** Lower-case letters, digits and single hyphens: fits every name Azure accepts for a site. */
export function projectSlug(raw: string): string {
  const slug = raw
    .replace(/^@[^/]+\//, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'app';
}

/**
 * Registry and site names are globally unique in Azure. A short hash of where the project lives and
 * which subscription it goes to keeps them stable across runs on one machine and distinct across
 * people promoting the same sample.
 */
export function deriveNames(input: {
  projectName: string;
  projectDir: string;
  subscriptionId: string;
  name?: string;
}): PromoteNames {
  const project = projectSlug(input.projectName);
  const hash = createHash('sha256').update(`${input.subscriptionId}\0${input.projectDir}`).digest('hex').slice(0, 6);
  const base = input.name ?? `${project.slice(0, 40)}-${hash}`;
  const names: PromoteNames = {
    project,
    resourceGroup: `${base}-rg`,
    registry: `${base.replace(/-/g, '').slice(0, 44)}acr`,
    plan: `${base}-plan`,
    site: base,
    repository: project,
  };
  validateNames(names);
  return names;
}

interface NameRule {
  readonly pattern: RegExp;
  readonly rule: string;
}

// From the Azure naming rules for each resource type (and the OCI distribution spec for repositories).
// The site comes first: it is what --name sets, so a bad --name is reported as itself.
const rules: Record<keyof Omit<PromoteNames, 'project'>, NameRule> = {
  site: {
    pattern: /^(?=.{2,60}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
    rule: '2-60 lower-case letters, digits and hyphens, not starting or ending with a hyphen',
  },
  resourceGroup: { pattern: /^[-\w.()]{0,89}[-\w()]$/, rule: '1-90 letters, digits, -, _, ., (), not ending in .' },
  registry: { pattern: /^[a-z0-9]{5,50}$/, rule: '5-50 lower-case letters and digits' },
  plan: { pattern: /^[a-zA-Z0-9-]{1,60}$/, rule: '1-60 letters, digits and hyphens' },
  repository: { pattern: /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/, rule: 'lower-case letters, digits and single . _ -' },
};

/** Throws before any call to Azure, so a bad name never leaves half a deployment behind. */
export function validateNames(names: PromoteNames): void {
  for (const [kind, { pattern, rule }] of Object.entries(rules)) {
    const value = names[kind as keyof typeof rules];
    if (!pattern.test(value)) throw InvalidName(kind, value, rule);
  }
}
