/**
 * bench:compare — one run, two figures:
 *  1. wall time of `runComparison` for 200 requests × 2 targets on loopback (plus the 200 noise
 *     sends to the baseline that the method adds), two sample-api instances in this process;
 *  2. the differ's cost per response: lift (parse, normalise host) + classify against the
 *     baseline's response + ignore rules, in µs, over the same responses.
 * Run: npm run bench:compare -w @skylift/bench   (or: npx tsx bench/compare/run.ts)
 */
import { performance } from 'node:perf_hooks';
import { classify, compileIgnore, liftResponse, runComparison, type ComparisonRequest, type RawResponse } from '@skylift/compare';
import { buildApp } from '@skylift/sample-api';
import { request } from 'undici';

const requestCount = 200;
const routes = ['/', '/health', '/api/echo?probe=bench', '/api/time', '/api/items', '/api/items/2', '/api/items/999'];

const baselineApp = buildApp({ behaviour: 'normal' });
const candidateApp = buildApp({ behaviour: 'changed' });
const [baseline, candidate] = await Promise.all([
  baselineApp.listen({ port: 0, host: '127.0.0.1' }),
  candidateApp.listen({ port: 0, host: '127.0.0.1' }),
]);

try {
  const requests: ComparisonRequest[] = Array.from({ length: requestCount }, (_, index) => {
    const path = routes[index % routes.length]!;
    return { name: `GET ${path}`, method: 'GET', path, headers: { accept: 'application/json' } };
  });
  // Warm-up: JIT, connection pools and fastify's first-request work are not what we measure.
  await runComparison({ targets: [baseline, candidate], requests: requests.slice(0, 20) });

  const started = performance.now();
  const report = await runComparison({ targets: [baseline, candidate], requests });
  const wallMs = performance.now() - started;

  const fetchAll = async (base: string) =>
    Promise.all(
      routes.map(async (path): Promise<RawResponse> => {
        const response = await request(`${base}${path}`, { headers: { accept: 'application/json' } });
        return { status: response.statusCode, headers: response.headers, body: new Uint8Array(await response.body.arrayBuffer()) };
      }),
    );
  const [left, right] = await Promise.all([fetchAll(baseline), fetchAll(candidate)]);
  const ignore = compileIgnore([{ fields: ['$.runtime.hostname'] }]);
  const hostA = new URL(baseline).host;
  const hostB = new URL(candidate).host;
  const diffOnce = () => {
    let found = 0;
    for (let i = 0; i < routes.length; i += 1) {
      const a = liftResponse(left[i]!, hostA);
      const b = liftResponse(right[i]!, hostB);
      for (const difference of classify(a, b)) if (!ignore.match(difference)) found += 1;
    }
    return found;
  };
  for (let i = 0; i < 2_000; i += 1) diffOnce();
  const iterations = 20_000;
  const diffStarted = performance.now();
  let sink = 0;
  for (let i = 0; i < iterations; i += 1) sink += diffOnce();
  const perResponseUs = ((performance.now() - diffStarted) * 1000) / (iterations * routes.length);

  const sends = report.summary.requestsSent;
  const result = {
    requests: requestCount,
    targets: 2,
    httpExchanges: sends,
    wallMs: Math.round(wallMs),
    exchangesPerSecond: Math.round((sends / wallMs) * 1000),
    withinTarget: wallMs <= 2000,
    latencyMs: Object.fromEntries(report.targets.map((target) => [target.id, target.latency])),
    verdict: report.verdict,
    differences: report.summary.differences,
    differPerResponseUs: Math.round(perResponseUs * 10) / 10,
    differSink: sink > 0,
    node: process.version,
  };
  process.stdout.write(
    [
      `compare: ${requestCount} requests × 2 targets (+${sends - 2 * requestCount} noise sends) on loopback in ${result.wallMs} ms ` +
        `(${result.exchangesPerSecond} exchanges/s; target ≤ 2000 ms: ${result.withinTarget ? 'met' : 'MISSED'})`,
      `        p50/p95 per target: ${report.targets.map((t) => `${t.id} ${t.latency?.p50Ms}/${t.latency?.p95Ms} ms`).join(', ')}`,
      `differ: ${result.differPerResponseUs} µs per response (lift + classify + ignore, mean over ${routes.length} sample-api routes × ${iterations})`,
      JSON.stringify(result),
      '',
    ].join('\n'),
  );
} finally {
  await Promise.all([baselineApp.close(), candidateApp.close()]);
}
