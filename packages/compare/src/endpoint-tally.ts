import { classify, type DifferenceKind, type FieldDifference } from './classify.ts';
import { checkExpectations } from './expectations.ts';
import type { LiftedResponse } from './flatten.ts';
import type { IgnoreMatcher } from './ignore.ts';
import { judgeField, type NoiseThresholds } from './noise.ts';
import {
  clipValue,
  summariseLatency,
  type DifferenceReport,
  type EndpointReport,
  type ExpectationFailure,
  type ResponseSample,
  type SuppressedReport,
} from './report.ts';
import type { ComparisonRequest } from './request.ts';
import type { Exchange } from './runner.ts';
import type { Target } from './target.ts';

interface FieldTally {
  count: number;
  readonly example: FieldDifference;
}

interface FieldSet {
  total: number;
  readonly fields: Map<string, FieldTally>;
}

/** The responses of one round: the same request sent once to every target (the noise target maybe not). */
export interface Round {
  readonly exchanges: ReadonlyMap<string, Exchange>;
  readonly lifted: ReadonlyMap<string, LiftedResponse>;
}

const fieldKey = (difference: FieldDifference) => `${difference.path}\u0000${difference.kind}`;

/**
 * Everything learned about one endpoint across its rounds: per candidate the raw field difference
 * counts against the baseline, the baseline's own noise counts, what the ignore rules hid, statuses,
 * latencies and expectation failures. `report()` applies the noise rule.
 */
export class EndpointTally {
  readonly #request: ComparisonRequest;
  readonly #ignore: IgnoreMatcher;
  readonly #raw = new Map<string, FieldSet>();
  readonly #noise: FieldSet = { total: 0, fields: new Map() };
  readonly #ignored = new Map<string, { field: string; rule: string; count: number }>();
  readonly #statuses = new Map<string, Set<number>>();
  readonly #latencies = new Map<string, number[]>();
  readonly #failed = new Map<string, number>();
  readonly #expectations = new Map<string, ExpectationFailure>();
  readonly #sample = new Map<string, ResponseSample>();
  #samples = 0;

  constructor(request: ComparisonRequest, ignore: IgnoreMatcher) {
    this.#request = request;
    this.#ignore = ignore;
  }

  add(round: Round, baseline: Target, candidates: readonly Target[], noiseTarget: Target): void {
    this.#samples += 1;
    for (const [id, exchange] of round.exchanges) {
      if (!this.#sample.has(id)) this.#sample.set(id, sampleOf(exchange, round.lifted.get(id)));
      if (!exchange.ok) {
        this.#failed.set(id, (this.#failed.get(id) ?? 0) + 1);
        continue;
      }
      push(this.#latencies, id, exchange.durationMs);
      addTo(this.#statuses, id, exchange.response.status);
      for (const failure of checkExpectations(this.#request.expect, id, round.lifted.get(id)!))
        this.#expectations.set(`${id}\u0000${failure.field}`, failure);
    }
    const primary = round.lifted.get(baseline.id);
    if (!primary) return;
    for (const candidate of candidates) {
      const lifted = round.lifted.get(candidate.id);
      if (!lifted) continue;
      this.#count(this.#rawFor(candidate.id), classify(primary, lifted), true);
    }
    const secondary = round.lifted.get(noiseTarget.id);
    if (secondary) this.#count(this.#noise, classify(primary, secondary), false);
  }

  #rawFor(id: string): FieldSet {
    let set = this.#raw.get(id);
    if (!set) this.#raw.set(id, (set = { total: 0, fields: new Map() }));
    return set;
  }

  #count(set: FieldSet, differences: readonly FieldDifference[], recordIgnored: boolean): void {
    set.total += 1;
    const seen = new Set<string>();
    for (const difference of differences) {
      const rule = this.#ignore.match(difference);
      if (rule) {
        if (recordIgnored) {
          const key = `${difference.path}\u0000${rule}`;
          const entry = this.#ignored.get(key) ?? { field: difference.path, rule, count: 0 };
          entry.count += 1;
          this.#ignored.set(key, entry);
        }
        continue;
      }
      const key = fieldKey(difference);
      if (seen.has(key)) continue;
      seen.add(key);
      const tally = set.fields.get(key);
      if (tally) tally.count += 1;
      else set.fields.set(key, { count: 1, example: difference });
    }
  }

  report(candidates: readonly Target[], targets: readonly Target[], thresholds: NoiseThresholds): EndpointReport {
    const differences: DifferenceReport[] = [];
    const suppressed: SuppressedReport[] = [];
    for (const candidate of candidates) {
      const raw = this.#raw.get(candidate.id);
      if (!raw) continue;
      for (const [key, tally] of raw.fields) {
        const noise = this.#noise.fields.get(key)?.count ?? 0;
        const entry = describe(candidate.id, tally.example, tally.count, raw.total, noise, this.#noise.total);
        const verdict = judgeField({ raw: tally.count, rawTotal: raw.total, noise, noiseTotal: this.#noise.total }, thresholds);
        if (verdict.real) differences.push(entry);
        else
          suppressed.push({
            ...entry,
            relativePercent: round1(verdict.relativePercent),
            absolutePercent: round1(verdict.absolutePercent),
            reason: verdict.reason,
          });
      }
    }
    const expectationFailures = [...this.#expectations.values()];
    const failed = [...this.#failed.values()].some((count) => count > 0);
    return {
      name: this.#request.name,
      method: this.#request.method,
      path: this.#request.path,
      ...(this.#request.origin ? { origin: this.#request.origin } : {}),
      samples: this.#samples,
      outcome: failed ? 'failed' : differences.length > 0 || expectationFailures.length > 0 ? 'different' : 'same',
      targets: Object.fromEntries(
        targets.map((target) => [
          target.id,
          {
            statuses: [...(this.#statuses.get(target.id) ?? [])].sort((a, b) => a - b),
            failed: this.#failed.get(target.id) ?? 0,
            latency: summariseLatency(this.#latencies.get(target.id) ?? []),
          },
        ]),
      ),
      differences: sortFields(differences),
      suppressed: sortFields(suppressed),
      ignored: [...this.#ignored.values()].sort((a, b) => a.field.localeCompare(b.field)),
      expectationFailures,
      sample: Object.fromEntries(this.#sample),
    };
  }
}

function describe(target: string, example: FieldDifference, count: number, of: number, noise: number, noiseOf: number): DifferenceReport {
  return {
    target,
    field: example.path,
    kind: example.kind as DifferenceKind,
    count,
    of,
    noise,
    noiseOf,
    ...('baseline' in example ? { baseline: clipValue(example.baseline) } : {}),
    ...('candidate' in example ? { candidate: clipValue(example.candidate) } : {}),
    ...(example.detail ? { detail: example.detail } : {}),
  };
}

/** status first, then headers, then the body, each in path order. */
function sortFields<T extends DifferenceReport>(entries: T[]): T[] {
  const rank = (field: string) => (field === 'status' ? 0 : field.startsWith('header') ? 1 : 2);
  return entries.sort((a, b) => rank(a.field) - rank(b.field) || a.field.localeCompare(b.field) || a.target.localeCompare(b.target));
}

const maxSampleBody = 4000;

function sampleOf(exchange: Exchange, lifted: LiftedResponse | undefined): ResponseSample {
  const durationMs = Math.round(exchange.durationMs * 100) / 100;
  if (!exchange.ok || !lifted) return { durationMs, error: exchange.ok ? { code: 'ERROR', message: 'no response' } : exchange.error };
  const { body } = lifted;
  const text =
    body.kind === 'json' ? JSON.stringify(body.value, null, 2) : body.kind === 'text' ? body.text : body.kind === 'binary' ? `(binary, ${body.bytes} bytes, sha256 ${body.sha256})` : '';
  return {
    status: lifted.status,
    headers: Object.fromEntries(lifted.headers),
    bodyKind: body.kind,
    body: text.length > maxSampleBody ? `${text.slice(0, maxSampleBody)}\n… (${text.length - maxSampleBody} more characters)` : text,
    durationMs,
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
