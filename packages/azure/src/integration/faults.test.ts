import { describe, expect, it } from 'vitest';
import { containerLogTail } from '../container-logs.ts';
import { waitUntilLive } from '../wait-until-live.ts';
import { deploySample, HEALTH_PATH } from '../testing/deploy-sample.ts';
import { useSampleApiSuite } from '../testing/sample-api-suite.ts';

/**
 * What Azure does to clients on a bad day, injected by the emulator: throttling (with and without
 * a usable Retry-After), 5xx bursts longer than the SDK's own three retries, the PrincipalNotFound
 * window of a new identity and AcrPull's propagation delay. The flow must still end live.
 */
describe('surviving injected faults', () => {
  /** skylift's own retries (the SDK's three are invisible): only 5xx bursts longer than those reach here. */
  const armRetries: string[] = [];

  const suite = useSampleApiSuite(
    {
      lro: 'seeded',
      seed: 20261125,
      faults: {
        arm: [
          // Five: one more than the SDK's own throttling retries, so skylift's retry must honour Retry-After too.
          { status: 429, times: 5, method: 'PUT', pathContains: 'Microsoft.ContainerRegistry/registries', retryAfterSeconds: 1 },
          { status: 500, times: 6, method: 'PUT', pathContains: 'Microsoft.Web/sites' },
          { status: 503, times: 2, method: 'GET', pathContains: 'Microsoft.Web/serverfarms' },
        ],
        principalNotFoundMs: 1_500,
        acrPullPropagationMs: 2_000,
      },
    },
    { attempts: 6, baseDelayMs: 50, maxDelayMs: 2_000, onRetry: (retry) => armRetries.push(retry.reason) },
  );
  const { names } = suite;

  it('ends live through throttling, 5xx bursts, PrincipalNotFound and AcrPull propagation', { timeout: 180_000 }, async () => {
    const principalRetries: string[] = [];
    const deployment = await deploySample(suite.local.clients, names, {
      push: { docker: suite.docker, image: suite.image },
      principalRetry: { attempts: 40, baseDelayMs: 100, maxDelayMs: 400, onRetry: (retry) => principalRetries.push(retry.reason) },
    });
    suite.pushed(deployment);
    const live = await waitUntilLive(suite.local.clients, {
      resourceGroup: names.resourceGroup,
      site: names.site,
      healthCheckPath: HEALTH_PATH,
      timeoutMs: 90_000,
      intervalMs: 250,
    });
    expect(live.status).toBe(200);
    expect(principalRetries.length).toBeGreaterThan(0);
    expect(new Set(principalRetries)).toEqual(new Set(['PrincipalNotFound']));
    expect(armRetries).toContain('SubscriptionRequestsThrottled');
    expect(armRetries).toContain('InternalServerError');
    // The first pull after the grant is refused (not propagated yet); the site recovers on its own.
    const logs = await containerLogTail(suite.local.clients, names.resourceGroup, names.site, 200);
    const denied = logs.search(/Pulling docker image .* failed/);
    expect(denied).toBeGreaterThanOrEqual(0);
    expect(logs.slice(denied)).toContain('initialized successfully and is ready to serve requests');
  });
});
