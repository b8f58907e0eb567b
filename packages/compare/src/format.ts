import type { DifferenceReport, EndpointTargetReport, LatencySummary } from './report.ts';

/** Shared by the terminal and HTML reporters so both show values the same way. */
export function showValue(value: unknown, present: boolean): string {
  if (!present) return '(absent)';
  if (typeof value === 'string') return JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

export function showMs(ms: number): string {
  return ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;
}

export function showLatency(latency: LatencySummary | null): string {
  return latency ? `p50 ${showMs(latency.p50Ms)}  p95 ${showMs(latency.p95Ms)}` : 'no answers';
}

export function showStatuses(target: EndpointTargetReport | undefined): string {
  if (!target) return '';
  if (target.failed > 0 && target.statuses.length === 0) return 'no answer';
  return target.statuses.join(',') + (target.failed > 0 ? ` +${target.failed} failed` : '');
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;
}

/** One row per (field, kind), with each candidate's entry: how both reporters lay out differences. */
export function groupByField<T extends DifferenceReport>(entries: readonly T[]): Array<{ first: T; byTarget: Map<string, T> }> {
  const rows = new Map<string, { first: T; byTarget: Map<string, T> }>();
  for (const entry of entries) {
    const key = `${entry.field}\u0000${entry.kind}`;
    const row = rows.get(key) ?? { first: entry, byTarget: new Map<string, T>() };
    row.byTarget.set(entry.target, entry);
    rows.set(key, row);
  }
  return [...rows.values()];
}
