import { describe, expect, it } from 'vitest';
import { AzureNotLive } from '../errors.ts';
import { waitUntilLive, type LiveProgress, type NotLiveDetails } from '../wait-until-live.ts';
import { deploySample, HEALTH_PATH } from '../testing/deploy-sample.ts';
import { useSampleApiSuite } from '../testing/sample-api-suite.ts';

/** Without AcrPull the site's identity may not pull: 503, and the container log says why. */
describe('a site without AcrPull', () => {
  const suite = useSampleApiSuite({ lro: 'async', asyncDurationMs: 50 });
  const { names } = suite;

  it('answers 503, and waitUntilLive times out showing the pull denial from the logs', { timeout: 120_000 }, async () => {
    const deployment = await deploySample(suite.local.clients, names, { push: { docker: suite.docker, image: suite.image }, grantAcrPull: false });
    suite.pushed(deployment);
    const answer = await fetch(`https://${deployment.site.defaultHostName}${HEALTH_PATH}`);
    expect(answer.status).toBe(503);

    const progress: LiveProgress[] = [];
    const error = await waitUntilLive(
      suite.local.clients,
      { resourceGroup: names.resourceGroup, site: names.site, healthCheckPath: HEALTH_PATH, timeoutMs: 3_000, intervalMs: 500 },
      { onProgress: (step) => progress.push(step) },
    ).catch((thrown: unknown) => thrown);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.map((step) => step.attempt)).toEqual(progress.map((_, index) => index + 1));
    expect(progress.every((step) => step.last === 'HTTP 503' && step.elapsedMs <= 3_500)).toBe(true);
    expect(AzureNotLive.is(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('last: HTTP 503');
    expect(message).toContain('container log:');
    expect(message).not.toContain('\n');
    const logs = (error as unknown as NotLiveDetails).logs;
    console.info(`not live: ${message}`);
    expect(logs).toMatch(/Pulling docker image 127\.0\.0\.1:\d+\/sample-api:\w+ failed/);
    expect(logs).toContain('Image pull failed: Verify docker image configuration and credentials');
  });
});
