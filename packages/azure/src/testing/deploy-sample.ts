import type Docker from 'dockerode';
import { acrRegistryAuth } from '../acr-token.ts';
import type { ArmClients } from '../arm-clients.ts';
import { deployImage } from '../deploy-image.ts';
import { ensureAcrPull, type EnsuredAcrPull } from '../ensure-acr-pull.ts';
import { ensurePlan, type EnsuredPlan } from '../ensure-plan.ts';
import { ensureRegistry, type EnsuredRegistry } from '../ensure-registry.ts';
import { ensureResourceGroup, type EnsuredResourceGroup } from '../ensure-resource-group.ts';
import { ensureWebApp, type EnsuredWebApp, type WebAppSpec } from '../ensure-web-app.ts';
import type { RetryOptions } from '../retry.ts';
import type { TeardownList } from '../teardown.ts';
import { pushToRegistry } from './sample-api-image.ts';

export const LOCATION = 'westeurope';
export const REPOSITORY = 'sample-api';
export const HEALTH_PATH = '/health';

export interface SampleNames {
  readonly project: string;
  readonly resourceGroup: string;
  readonly registry: string;
  readonly plan: string;
  readonly site: string;
  readonly tag: string;
}

export function sampleNames(suffix: string): SampleNames {
  return {
    project: `test-${suffix}`,
    resourceGroup: `skylift-test-${suffix}`,
    registry: `skylifttest${suffix}`,
    plan: `skylift-test-${suffix}-plan`,
    site: `skylift-test-${suffix}`,
    tag: suffix,
  };
}

export interface SampleDeployment {
  readonly resourceGroup: EnsuredResourceGroup;
  readonly registry: EnsuredRegistry;
  readonly digest?: string;
  readonly plan: EnsuredPlan;
  readonly site: EnsuredWebApp;
  readonly siteSpec: WebAppSpec;
  readonly acrPull?: EnsuredAcrPull;
  /** Milliseconds per step, for the report. */
  readonly timings: Record<string, number>;
}

/**
 * The promote sequence as the Azure stage runs it: group → registry → push (with the exchanged ACR
 * token) → plan → site → AcrPull → restart so the site pulls with its new right.
 */
export async function deploySample(
  clients: ArmClients,
  names: SampleNames,
  options: { push?: { docker: Docker; image: string }; grantAcrPull?: boolean; principalRetry?: RetryOptions } = {},
): Promise<SampleDeployment> {
  const timings: Record<string, number> = {};
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings[step] = Math.round(performance.now() - started);
    }
  };
  const common = { resourceGroup: names.resourceGroup, location: LOCATION, project: names.project };
  const resourceGroup = await timed('resource group', () =>
    ensureResourceGroup(clients, { name: names.resourceGroup, location: LOCATION, project: names.project }),
  );
  const registry = await timed('registry', () => ensureRegistry(clients, { ...common, name: names.registry }));
  let digest: string | undefined;
  const { push } = options;
  if (push !== undefined) {
    const auth = await timed('acr token', () => acrRegistryAuth(clients.credential, clients.cloud, registry.loginServer));
    digest = await timed('push', () =>
      pushToRegistry(push.docker, push.image, { loginServer: registry.loginServer, repository: REPOSITORY, tag: names.tag }, auth),
    );
  }
  const plan = await timed('plan', () => ensurePlan(clients, { ...common, name: names.plan }));
  const siteSpec: WebAppSpec = {
    ...common,
    name: names.site,
    planId: plan.id,
    image: { loginServer: registry.loginServer, repository: REPOSITORY, tag: names.tag },
    port: 3000,
    healthCheckPath: HEALTH_PATH,
  };
  const site = await timed('web app', () => ensureWebApp(clients, siteSpec));
  if (options.grantAcrPull === false) return { resourceGroup, registry, digest, plan, site, siteSpec, timings };
  const acrPull = await timed('AcrPull', () =>
    ensureAcrPull(clients, { registryId: registry.id, principalId: site.principalId }, options.principalRetry),
  );
  await timed('restart', () => deployImage(clients, siteSpec));
  return { resourceGroup, registry, digest, plan, site, siteSpec, acrPull, timings };
}

/** Everything a full sample deployment created, as the ledger would list it for teardown. */
export function sampleTeardownList(names: SampleNames, deployment: SampleDeployment): TeardownList {
  if (deployment.acrPull === undefined) throw new Error('the deployment granted no AcrPull');
  return {
    resourceGroup: names.resourceGroup,
    project: names.project,
    deleteResourceGroup: true,
    roleAssignment: { scope: deployment.acrPull.scope, name: deployment.acrPull.name },
    site: names.site,
    plan: names.plan,
    registry: names.registry,
  };
}
