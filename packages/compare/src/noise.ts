/**
 * Diffy's noise rule (analysis/JoinedDifferences.scala): a field is a real difference only when it
 * differs between baseline and candidate (raw) clearly more often than between two baseline
 * responses to the same request (noise):
 *   raw > noise  and  |raw − noise| / (raw + noise) > relative  and  |raw − noise| / requests > absolute.
 * Unlike Diffy, the noise count is scaled to the raw sample count when the two differ (a request
 * whose noise sample failed or was not taken must not make its field look cleaner or noisier).
 */
export interface NoiseThresholds {
  /** Percent; Diffy's default 20. */
  readonly relativePercent: number;
  /** Percent of the endpoint's requests; Diffy's default 0.03. */
  readonly absolutePercent: number;
}

export const defaultNoiseThresholds: NoiseThresholds = { relativePercent: 20, absolutePercent: 0.03 };

export interface FieldCounts {
  /** Baseline-vs-candidate comparisons in which this field differed. */
  readonly raw: number;
  /** Baseline-vs-candidate comparisons made for the endpoint. */
  readonly rawTotal: number;
  /** Baseline-vs-baseline comparisons in which this field differed. */
  readonly noise: number;
  /** Baseline-vs-baseline comparisons made for the endpoint. */
  readonly noiseTotal: number;
}

export interface NoiseVerdict {
  readonly real: boolean;
  readonly relativePercent: number;
  readonly absolutePercent: number;
  /** Why it was suppressed (or why it counts), in one sentence. */
  readonly reason: string;
}

export function judgeField(counts: FieldCounts, thresholds: NoiseThresholds = defaultNoiseThresholds): NoiseVerdict {
  const { raw, rawTotal, noise, noiseTotal } = counts;
  const scaledNoise = noiseTotal > 0 ? (noise * rawTotal) / noiseTotal : 0;
  const gap = Math.abs(raw - scaledNoise);
  const relativePercent = raw + scaledNoise > 0 ? (gap / (raw + scaledNoise)) * 100 : 0;
  const absolutePercent = rawTotal > 0 ? (gap / rawTotal) * 100 : 0;
  const seen = `differed in ${raw}/${rawTotal} baseline-vs-candidate and ${noise}/${noiseTotal} baseline-vs-baseline comparisons`;
  if (noiseTotal === 0 && raw > 0)
    return { real: true, relativePercent, absolutePercent, reason: `${seen}; no noise sample to weigh it against` };
  if (raw <= scaledNoise)
    return {
      real: false,
      relativePercent,
      absolutePercent,
      reason: `${seen}: the baseline varies on its own at least as often, so this is noise`,
    };
  if (relativePercent <= thresholds.relativePercent)
    return {
      real: false,
      relativePercent,
      absolutePercent,
      reason: `${seen}: relative gap ${fmt(relativePercent)} % is within the ${thresholds.relativePercent} % threshold`,
    };
  if (absolutePercent <= thresholds.absolutePercent)
    return {
      real: false,
      relativePercent,
      absolutePercent,
      reason: `${seen}: the gap is ${fmt(absolutePercent)} % of requests, within the ${thresholds.absolutePercent} % threshold`,
    };
  return { real: true, relativePercent, absolutePercent, reason: seen };
}

function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 1 ? 3 : 1);
}
