import type { DifferenceKind } from './classify.ts';
import type { NoiseThresholds } from './noise.ts';

/** Bumped only on a breaking change of the shape below (documented in README.md). */
export const reportSchema = 'skylift.compare.report/v1';

export type Verdict = 'same' | 'different' | 'unreachable';

/** Exit codes the CLI uses: 0 same, 1 real differences, 3 a target did not answer. */
export const verdictExitCodes: Readonly<Record<Verdict, 0 | 1 | 3>> = { same: 0, different: 1, unreachable: 3 };

export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

export interface TargetReport {
  readonly id: string;
  readonly url: string;
  readonly role: 'baseline' | 'noise-baseline' | 'candidate';
  readonly sent: number;
  readonly failed: number;
  /** False when at least one request got no answer (connection refused, timeout, TLS...). */
  readonly reachable: boolean;
  readonly firstError?: { readonly code: string; readonly message: string };
  readonly latency: LatencySummary | null;
}

export interface DifferenceReport {
  /** The candidate target id; the other side is always the baseline. */
  readonly target: string;
  readonly field: string;
  readonly kind: DifferenceKind;
  /** Comparisons in which the field differed, out of `of`. */
  readonly count: number;
  readonly of: number;
  /** Baseline-vs-baseline comparisons in which it differed, out of `noiseOf`. */
  readonly noise: number;
  readonly noiseOf: number;
  /** Example values (from the first differing sample); absent for missing/extra sides. */
  readonly baseline?: unknown;
  readonly candidate?: unknown;
  readonly detail?: string;
}

export interface SuppressedReport extends DifferenceReport {
  readonly relativePercent: number;
  readonly absolutePercent: number;
  readonly reason: string;
}

export interface IgnoredReport {
  readonly field: string;
  readonly rule: string;
  /** Baseline-vs-candidate comparisons in which the ignored field differed. */
  readonly count: number;
}

export interface ExpectationFailure {
  readonly target: string;
  readonly check: 'status' | 'json' | 'header';
  readonly field: string;
  readonly expected: unknown;
  readonly actual?: unknown;
}

export interface ResponseSample {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly bodyKind?: 'empty' | 'json' | 'text' | 'binary';
  /** JSON pretty-printed or text, cut at 4000 characters. */
  readonly body?: string;
  readonly durationMs: number;
  readonly error?: { readonly code: string; readonly message: string };
}

export interface EndpointTargetReport {
  /** Distinct statuses seen, ascending. */
  readonly statuses: readonly number[];
  readonly failed: number;
  readonly latency: LatencySummary | null;
}

export interface EndpointReport {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly origin?: string;
  /** Times the request was sent to each target. */
  readonly samples: number;
  readonly outcome: 'same' | 'different' | 'failed' | 'skipped';
  readonly skipped?: string;
  readonly targets: Readonly<Record<string, EndpointTargetReport>>;
  readonly differences: readonly DifferenceReport[];
  readonly suppressed: readonly SuppressedReport[];
  readonly ignored: readonly IgnoredReport[];
  readonly expectationFailures: readonly ExpectationFailure[];
  /** The first response of each target, for drill-down. */
  readonly sample: Readonly<Record<string, ResponseSample>>;
}

export interface ComparisonReport {
  readonly schema: typeof reportSchema;
  readonly verdict: Verdict;
  readonly exitCode: 0 | 1 | 3;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly baseline: string;
  readonly settings: {
    readonly repeat: number;
    readonly concurrency: number;
    readonly timeoutMs: number;
    readonly allowSideEffects: boolean;
    /** `baseline-twice`: noise from sending each request to the baseline twice; `second-baseline`: from a second baseline URL. */
    readonly noiseSource: 'baseline-twice' | 'second-baseline';
    readonly noise: NoiseThresholds;
    readonly ignoreRules: readonly string[];
  };
  readonly targets: readonly TargetReport[];
  readonly summary: {
    readonly endpoints: number;
    readonly differingEndpoints: number;
    readonly skippedEndpoints: number;
    readonly requestsSent: number;
    readonly failedRequests: number;
    readonly differences: number;
    readonly suppressed: number;
    readonly ignored: number;
    readonly expectationFailures: number;
  };
  readonly endpoints: readonly EndpointReport[];
}

export function summariseLatency(samples: readonly number[]): LatencySummary | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const pick = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!);
  return { count: sorted.length, p50Ms: pick(0.5), p95Ms: pick(0.95), maxMs: round(sorted[sorted.length - 1]!) };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

const maxString = 300;

/** Keeps report values small: long strings and big objects are cut to a readable excerpt. */
export function clipValue(value: unknown): unknown {
  if (typeof value === 'string') return value.length > maxString ? `${value.slice(0, maxString - 1)}…` : value;
  if (typeof value === 'object' && value !== null) {
    const text = JSON.stringify(value);
    return text.length > maxString ? `${text.slice(0, maxString - 1)}…` : value;
  }
  return value;
}
