import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runComparison } from './comparison.ts';
import { loadSuite } from './load-suite.ts';
import type { ComparisonReport } from './report.ts';
import type { Suite } from './suite-schema.ts';
import { startPlatformProxy } from './testing/platform-proxy.ts';
import { startSampleApi, type RunningApi } from './testing/sample-api-process.ts';

const suiteFile = fileURLToPath(new URL('../../../apps/sample-api/skylift.suite.yaml', import.meta.url));

let normal: RunningApi;
let changed: RunningApi;
let reordered: RunningApi;
let suite: Suite;

beforeAll(async () => {
  [normal, changed, reordered, suite] = await Promise.all([
    startSampleApi('normal'),
    startSampleApi('changed'),
    startSampleApi('reordered'),
    loadSuite(suiteFile),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([normal, changed, reordered].filter(Boolean).map((api) => api.close()));
});

const differences = (report: ComparisonReport) =>
  report.endpoints.flatMap((endpoint) =>
    endpoint.differences.map((d) => ({ endpoint: endpoint.name, field: d.field, kind: d.kind, baseline: d.baseline, candidate: d.candidate })),
  );

describe('runComparison against two sample-api processes', () => {
  it('finds the changed field and the changed status, and nothing else', async () => {
    const report = await runComparison({ targets: [normal.url, changed.url], ...suite });
    expect(differences(report)).toEqual([
      { endpoint: 'list items', field: '$[1].price', kind: 'value', baseline: 24.9, candidate: 19.9 },
      { endpoint: 'one item', field: '$.price', kind: 'value', baseline: 24.9, candidate: 19.9 },
      { endpoint: 'unknown item', field: 'status', kind: 'value', baseline: 404, candidate: 500 },
    ]);
    // The suite's own expectation on that endpoint fails for the candidate only, for the same reason.
    expect(report.endpoints.flatMap((endpoint) => endpoint.expectationFailures)).toEqual([
      { target: 'B', check: 'status', field: 'status', expected: 404, actual: 500 },
    ]);
    expect(report.verdict).toBe('different');
    expect(report.exitCode).toBe(1);
    expect(report.summary.failedRequests).toBe(0);
    expect(report.targets.map((target) => [target.id, target.role, target.reachable])).toEqual([
      ['A', 'baseline', true],
      ['B', 'candidate', true],
      ["A'", 'noise-baseline', true],
    ]);
    expect(report.targets[0]!.latency!.p95Ms).toBeGreaterThan(0);
  });

  it('suppresses the volatile /api/time fields as noise and explains each', async () => {
    const report = await runComparison({ targets: [normal.url, normal.url.replace('127.0.0.1', 'localhost')], ...suite, repeat: 3 });
    const time = report.endpoints.find((endpoint) => endpoint.name === 'time')!;
    expect(time.outcome).toBe('same');
    expect(time.differences).toEqual([]);
    expect(time.suppressed.map((entry) => entry.field).sort()).toEqual(['$.epochMs', '$.now', '$.requestId']);
    for (const entry of time.suppressed) {
      // The noise pair is sent furthest apart in time, so a clock field differs there at least as often.
      expect(entry).toMatchObject({ kind: 'value', of: 3, noiseOf: 3 });
      expect(entry.noise).toBeGreaterThanOrEqual(entry.count);
      expect(entry.reason).toMatch(/differed in \d\/3 baseline-vs-candidate and \d\/3 baseline-vs-baseline comparisons: the baseline varies on its own/);
    }
    expect(time.suppressed.find((entry) => entry.field === '$.requestId')).toMatchObject({ count: 3, noise: 3 });
    expect(report.verdict).toBe('same');
  });

  it('classifies a reversed list as an ordering difference', async () => {
    const report = await runComparison({ targets: [normal.url, reordered.url], ...suite });
    expect(differences(report)).toEqual([
      { endpoint: 'list items', field: '$', kind: 'ordering', baseline: [1, 2, 3, 4, 5], candidate: [5, 4, 3, 2, 1] },
    ]);
    expect(report.endpoints.find((endpoint) => endpoint.name === 'list items')!.differences[0]!.detail).toBe(
      'order by id: [1, 2, 3, 4, 5] → [5, 4, 3, 2, 1]',
    );
  });

  it('ignores what a tunnel and a cloud front end add, and says which rule hid each header', async () => {
    const proxy = await startPlatformProxy(normal.url);
    try {
      const report = await runComparison({ targets: [normal.url, proxy.url], ...suite });
      expect(differences(report)).toEqual([]);
      expect(report.verdict).toBe('same');
      const health = report.endpoints.find((endpoint) => endpoint.name === 'health')!;
      expect(Object.fromEntries(health.ignored.map((entry) => [entry.field, entry.rule]))).toEqual({
        'header.content-length': 'header content-length',
        'header.ngrok-trace-id': 'header ngrok-*',
        'header.request-context': 'header request-context',
        'header.server': 'header server',
        'header.set-cookie.ARRAffinity': 'header.set-cookie.ARRAffinity*',
        'header.set-cookie.ARRAffinitySameSite': 'header.set-cookie.ARRAffinity*',
        'header.transfer-encoding': 'header transfer-encoding',
        'header.via': 'header via',
        'header.x-arr-log-id': 'header x-arr-*',
        'header.x-ms-request-id': 'header x-ms-*',
        'header.x-powered-by': 'header x-powered-by',
      });
    } finally {
      await proxy.close();
    }
  });

  it('learns noise from a second baseline (the app direct beside its tunnel)', async () => {
    const tunnel = await startPlatformProxy(normal.url);
    try {
      const report = await runComparison({ targets: [tunnel.url, changed.url], noiseBaseline: normal.url, ...suite });
      expect(report.settings.noiseSource).toBe('second-baseline');
      expect(report.targets.map((target) => [target.id, target.role])).toEqual([
        ['A', 'baseline'],
        ['B', 'candidate'],
        ['A2', 'noise-baseline'],
      ]);
      expect(differences(report).map((d) => `${d.endpoint} ${d.field}`)).toEqual(['list items $[1].price', 'one item $.price', 'unknown item status']);
      expect(report.endpoints.find((endpoint) => endpoint.name === 'time')!.suppressed).toHaveLength(3);
    } finally {
      await tunnel.close();
    }
  });

  it('sends side-effecting requests only when allowed, once per target', async () => {
    const skipped = await runComparison({ targets: [normal.url, changed.url], ...suite });
    expect(skipped.endpoints.find((endpoint) => endpoint.name === 'create item')).toMatchObject({ outcome: 'skipped', samples: 0 });
    const [a, b] = await startSampleApiPair();
    try {
      const report = await runComparison({ targets: [a.url, b.url], ...suite, allowSideEffects: true });
      const create = report.endpoints.find((endpoint) => endpoint.name === 'create item')!;
      expect(create).toMatchObject({ outcome: 'same', samples: 1 });
      expect(report.targets.find((target) => target.role === 'noise-baseline')!.sent).toBe(report.targets[0]!.sent - 2);
      expect(create.sample.A).toMatchObject({ status: 201 });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

/** Two fresh normal instances, so the POST's new id does not depend on earlier tests. */
async function startSampleApiPair(): Promise<[RunningApi, RunningApi]> {
  return Promise.all([startSampleApi('normal'), startSampleApi('normal')]) as Promise<[RunningApi, RunningApi]>;
}
