import { liftResponse, type LiftedResponse } from './flatten.ts';
import { EndpointTally } from './endpoint-tally.ts';
import { NoRequests, OptionInvalid, TargetsInvalid } from './errors.ts';
import { compileIgnore, type IgnoreMatcher, type IgnoreRules } from './ignore.ts';
import { defaultNoiseThresholds, type NoiseThresholds } from './noise.ts';
import {
  reportSchema,
  summariseLatency,
  verdictExitCodes,
  type ComparisonReport,
  type EndpointReport,
  type TargetReport,
  type Verdict,
} from './report.ts';
import { hasSideEffects, type ComparisonRequest } from './request.ts';
import { createRunner, type Exchange } from './runner.ts';
import { toTarget, type Target, type TargetInput } from './target.ts';

export interface ComparisonOptions {
  /** The baseline first, then one or more candidates. Names default to A, B, C... */
  readonly targets: readonly TargetInput[];
  /** A second baseline for noise (e.g. the app direct when the baseline is its tunnel); default: the baseline again. */
  readonly noiseBaseline?: TargetInput;
  readonly requests: readonly ComparisonRequest[];
  /** Added to the default ignore list (see ignore.ts). */
  readonly ignore?: IgnoreRules;
  /** Set false to compare even what tunnels and clouds add (Date, X-Forwarded-*...). */
  readonly defaultIgnores?: boolean;
  readonly noise?: Partial<NoiseThresholds>;
  /** Rounds of the whole suite; more rounds make the noise estimate sharper. Default 1. */
  readonly repeat?: number;
  /** Requests in flight per target. Default 8. */
  readonly concurrency?: number;
  /** Per request, connect to last byte. Default 10 000 ms. */
  readonly timeoutMs?: number;
  /** Send POST/PUT/PATCH/DELETE too (never twice to the same app for noise). */
  readonly allowSideEffects?: boolean;
  /** Trust this CA too (PEM), e.g. the local cloud's, whatever NODE_EXTRA_CA_CERTS says. */
  readonly extraCaPem?: string;
  readonly now?: () => number;
  readonly clock?: () => Date;
  readonly onProgress?: (progress: { readonly done: number; readonly total: number }) => void;
}

/**
 * Sends every request identically to the baseline, the candidates and (for noise) the baseline
 * again, diffs the responses field by field and keeps the fields that differ beyond the noise.
 *
 * Per round the baseline answers first, then the candidates together, then the noise baseline:
 * the noise pair is always at least as far apart in time as any baseline/candidate pair, so a
 * clock-driven field that differs for a candidate also differs as noise (Diffy sends all three
 * at once, where a millisecond timestamp can tie in the noise pair and not in the raw one).
 * Side-effecting requests are barriers: everything before them finishes first.
 */
export async function runComparison(options: ComparisonOptions): Promise<ComparisonReport> {
  const settings = resolveSettings(options);
  const [first, ...rest] = options.targets;
  if (!first || rest.length === 0) throw TargetsInvalid('give at least two URLs: a baseline and a candidate');
  const baseline = toTarget(first, 'A', 'baseline');
  const candidates = rest.map((input, index) => toTarget(input, String.fromCharCode(66 + index), 'candidate'));
  const noiseTarget = options.noiseBaseline
    ? toTarget(options.noiseBaseline, `${baseline.id}2`, 'noise-baseline')
    : { ...baseline, id: `${baseline.id}'`, role: 'noise-baseline' as const };
  const targets = [baseline, ...candidates, noiseTarget];
  const ids = new Set(targets.map((target) => target.id));
  if (ids.size !== targets.length) throw TargetsInvalid('two targets have the same name');
  if (options.requests.length === 0) throw NoRequests('the suite has no requests');

  const startedAt = (options.clock ?? (() => new Date()))();
  const now = options.now ?? (() => performance.now());
  const started = now();
  const ignoreByRequest = new Map<ComparisonRequest, IgnoreMatcher>();
  const tallies = new Map<string, EndpointTally>();
  const skipped = new Map<string, ComparisonRequest>();
  const rounds: ComparisonRequest[] = [];
  for (let pass = 0; pass < settings.repeat; pass += 1) {
    for (const request of options.requests) {
      if (hasSideEffects(request.method) && !settings.allowSideEffects) {
        skipped.set(request.name, request);
        continue;
      }
      rounds.push(request);
      if (!tallies.has(request.name)) {
        const ignore = compileIgnore([options.ignore, request.ignore], { defaults: options.defaultIgnores !== false });
        ignoreByRequest.set(request, ignore);
        tallies.set(request.name, new EndpointTally(request, ignore));
      }
    }
  }

  const runner = createRunner(targets, {
    concurrency: settings.concurrency,
    timeoutMs: settings.timeoutMs,
    now,
    ...(options.extraCaPem ? { extraCaPem: options.extraCaPem } : {}),
  });
  const sent = new Map<string, { sent: number; failed: number; latencies: number[]; firstError?: { code: string; message: string } }>(
    targets.map((target) => [target.id, { sent: 0, failed: 0, latencies: [] }]),
  );
  const record = (target: Target, exchange: Exchange) => {
    const entry = sent.get(target.id)!;
    entry.sent += 1;
    if (exchange.ok) entry.latencies.push(exchange.durationMs);
    else {
      entry.failed += 1;
      entry.firstError ??= exchange.error;
    }
  };
  const send = async (target: Target, request: ComparisonRequest) => {
    const exchange = await runner.send(target, request);
    record(target, exchange);
    return [target.id, exchange] as const;
  };

  let done = 0;
  const runRound = async (request: ComparisonRequest) => {
    const exchanges = new Map<string, Exchange>([await send(baseline, request)]);
    for (const [id, exchange] of await Promise.all(candidates.map((candidate) => send(candidate, request)))) exchanges.set(id, exchange);
    if (!hasSideEffects(request.method)) exchanges.set(...(await send(noiseTarget, request)));
    const lifted = new Map<string, LiftedResponse>();
    for (const target of targets) {
      const exchange = exchanges.get(target.id);
      if (exchange?.ok) lifted.set(target.id, liftResponse(exchange.response, target.url.host));
    }
    tallies.get(request.name)!.add({ exchanges, lifted }, baseline, candidates, noiseTarget);
    done += 1;
    options.onProgress?.({ done, total: rounds.length });
  };

  try {
    const inFlight = new Set<Promise<void>>();
    for (const request of rounds) {
      if (hasSideEffects(request.method)) {
        await Promise.all(inFlight);
        await runRound(request);
        continue;
      }
      while (inFlight.size >= settings.concurrency) await Promise.race(inFlight);
      const round: Promise<void> = runRound(request).finally(() => inFlight.delete(round));
      inFlight.add(round);
    }
    await Promise.all(inFlight);
  } finally {
    await runner.close();
  }

  const reportTargets = [baseline, ...candidates];
  const endpoints: EndpointReport[] = [];
  const seen = new Set<string>();
  for (const request of options.requests) {
    if (seen.has(request.name)) continue;
    seen.add(request.name);
    const tally = tallies.get(request.name);
    if (tally) endpoints.push(tally.report(candidates, reportTargets, settings.noise));
    else endpoints.push(skippedEndpoint(skipped.get(request.name)!, reportTargets));
  }
  const targetReports: TargetReport[] = targets.map((target) => {
    const entry = sent.get(target.id)!;
    return {
      id: target.id,
      url: target.url.href,
      role: target.role,
      sent: entry.sent,
      failed: entry.failed,
      reachable: entry.failed === 0,
      ...(entry.firstError ? { firstError: entry.firstError } : {}),
      latency: summariseLatency(entry.latencies),
    };
  });
  const count = (pick: (endpoint: EndpointReport) => number) => endpoints.reduce((sum, endpoint) => sum + pick(endpoint), 0);
  const summary = {
    endpoints: endpoints.length,
    differingEndpoints: endpoints.filter((endpoint) => endpoint.outcome === 'different').length,
    skippedEndpoints: endpoints.filter((endpoint) => endpoint.outcome === 'skipped').length,
    requestsSent: targetReports.reduce((sum, target) => sum + target.sent, 0),
    failedRequests: targetReports.reduce((sum, target) => sum + target.failed, 0),
    differences: count((endpoint) => endpoint.differences.length),
    suppressed: count((endpoint) => endpoint.suppressed.length),
    ignored: count((endpoint) => endpoint.ignored.length),
    expectationFailures: count((endpoint) => endpoint.expectationFailures.length),
  };
  const verdict: Verdict =
    summary.failedRequests > 0 ? 'unreachable' : summary.differences > 0 || summary.expectationFailures > 0 ? 'different' : 'same';
  return {
    schema: reportSchema,
    verdict,
    exitCode: verdictExitCodes[verdict],
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(now() - started),
    baseline: baseline.id,
    settings: {
      repeat: settings.repeat,
      concurrency: settings.concurrency,
      timeoutMs: settings.timeoutMs,
      allowSideEffects: settings.allowSideEffects,
      noiseSource: options.noiseBaseline ? 'second-baseline' : 'baseline-twice',
      noise: settings.noise,
      ignoreRules: [...new Set([...ignoreByRequest.values()].flatMap((matcher) => matcher.rules))],
    },
    targets: targetReports,
    summary,
    endpoints,
  };
}

function skippedEndpoint(request: ComparisonRequest, targets: readonly Target[]): EndpointReport {
  return {
    name: request.name,
    method: request.method,
    path: request.path,
    ...(request.origin ? { origin: request.origin } : {}),
    samples: 0,
    outcome: 'skipped',
    skipped: `${request.method} has side effects; pass --allow-side-effects to send it`,
    targets: Object.fromEntries(targets.map((target) => [target.id, { statuses: [], failed: 0, latency: null }])),
    differences: [],
    suppressed: [],
    ignored: [],
    expectationFailures: [],
    sample: {},
  };
}

function resolveSettings(options: ComparisonOptions) {
  const positive = (name: string, value: number | undefined, fallback: number) => {
    const resolved = value ?? fallback;
    if (!Number.isInteger(resolved) || resolved < 1) throw OptionInvalid(name, `must be a whole number ≥ 1 (got ${String(value)})`);
    return resolved;
  };
  return {
    repeat: positive('--repeat', options.repeat, 1),
    concurrency: positive('--concurrency', options.concurrency, 8),
    timeoutMs: positive('--timeout', options.timeoutMs, 10_000),
    allowSideEffects: options.allowSideEffects ?? false,
    noise: { ...defaultNoiseThresholds, ...options.noise },
  };
}
