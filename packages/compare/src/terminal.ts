import { groupByField, plural, showLatency, showMs, showStatuses, showValue } from './format.ts';
import type { ComparisonReport, EndpointReport } from './report.ts';

export interface TerminalReportOptions {
  /** ANSI colours; only when writing to an interactive terminal. */
  readonly color: boolean;
  /** Suppressed fields listed before "… n more". */
  readonly maxSuppressed?: number;
}

const codes = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;
type Paint = (style: keyof typeof codes, text: string) => string;

const nameWidth = 34;
const columnWidth = 20;

/**
 * Side by side: one column per target (status, p50 latency), one row per endpoint, and under a
 * differing endpoint one row per field with each target's value ("·" = same as the baseline).
 */
export function renderTerminalReport(report: ComparisonReport, options: TerminalReportOptions): string {
  const paint: Paint = options.color ? (style, text) => `\u001b[${codes[style]}m${text}\u001b[0m` : (_style, text) => text;
  const columns = report.targets.filter((target) => target.role !== 'noise-baseline');
  const lines: string[] = [];
  const noise = report.targets.find((target) => target.role === 'noise-baseline');
  lines.push(
    paint('bold', `skylift compare · ${plural(report.summary.endpoints, 'endpoint')} · ${plural(report.settings.repeat, 'round')}`) +
      paint('dim', ` · noise: ${report.settings.noiseSource === 'baseline-twice' ? 'baseline asked twice' : `second baseline ${noise?.url ?? ''}`}`),
  );
  for (const target of report.targets) {
    const state = target.reachable ? showLatency(target.latency) : paint('red', `UNREACHABLE: ${target.firstError?.message ?? 'no answer'}`);
    lines.push(`  ${pad(target.id, 4)}${pad(target.role, 16)}${pad(target.url, 34)}${pad(`${target.sent} sent`, 10)}${state}`);
  }
  lines.push('');
  lines.push(paint('dim', `    ${pad('ENDPOINT', nameWidth)}${columns.map((target) => pad(target.id, columnWidth)).join('')}RESULT`));
  for (const endpoint of report.endpoints) lines.push(...endpointLines(endpoint, columns.map((target) => target.id), report.baseline, paint));

  const suppressed = report.endpoints.flatMap((endpoint) => endpoint.suppressed.map((entry) => ({ endpoint, entry })));
  if (suppressed.length > 0) {
    lines.push('', paint('dim', 'Suppressed as noise (the baseline differs from itself as much):'));
    const max = options.maxSuppressed ?? 12;
    for (const { endpoint, entry } of suppressed.slice(0, max))
      lines.push(paint('dim', `  ${endpoint.name}  ${entry.field} (${entry.kind}, ${entry.target}): ${entry.reason}`));
    if (suppressed.length > max) lines.push(paint('dim', `  … ${suppressed.length - max} more in --json / --html`));
  }
  lines.push('', verdictLine(report, paint));
  return `${lines.join('\n')}\n`;
}

function endpointLines(endpoint: EndpointReport, ids: readonly string[], baseline: string, paint: Paint): string[] {
  if (endpoint.outcome === 'skipped') return [paint('dim', `  - ${pad(endpoint.name, nameWidth)}skipped: ${endpoint.skipped}`)];
  const mark = { same: paint('green', '✓'), different: paint('red', '✗'), failed: paint('red', '!'), skipped: '-' }[endpoint.outcome];
  const cells = ids.map((id) => {
    const target = endpoint.targets[id];
    const latency = target?.latency ? showMs(target.latency.p50Ms) : '';
    return pad(`${showStatuses(target)}  ${latency}`, columnWidth);
  });
  const notes = [
    endpoint.differences.length > 0 ? paint('red', plural(endpoint.differences.length, 'difference')) : '',
    endpoint.expectationFailures.length > 0 ? paint('red', `${endpoint.expectationFailures.length} failed expectation(s)`) : '',
    endpoint.outcome === 'failed' ? paint('red', 'no answer from a target') : '',
    endpoint.suppressed.length > 0 ? paint('yellow', `${endpoint.suppressed.length} noise`) : '',
    endpoint.ignored.length > 0 ? paint('dim', `${endpoint.ignored.length} ignored`) : '',
  ].filter(Boolean);
  const result = endpoint.outcome === 'same' ? [paint('green', 'same'), ...notes].join(' · ') : notes.join(' · ');
  const lines = [`  ${mark} ${pad(endpoint.name, nameWidth)}${cells.join('')}${result}`];
  for (const row of groupByField(endpoint.differences)) {
    const values = ids.map((id) => {
      if (id === baseline) return showValue(row.first.baseline, 'baseline' in row.first);
      const entry = row.byTarget.get(id);
      return entry ? showValue(entry.candidate, 'candidate' in entry) : '·';
    });
    lines.push(`      ${pad(`${row.first.field} ${paint('dim', row.first.kind)}`, nameWidth - 2)}${values.map((value, i) => (i === 0 ? pad(value, columnWidth) : paint('red', pad(value, columnWidth)))).join('')}`);
    if (row.first.detail) for (const detail of row.first.detail.split('\n').slice(0, 8)) lines.push(paint('dim', `        ${detail}`));
  }
  for (const failure of endpoint.expectationFailures)
    lines.push(`      ${paint('red', `expected ${failure.field} = ${showValue(failure.expected, true)} on ${failure.target}, got ${showValue(failure.actual, 'actual' in failure)}`)}`);
  if (endpoint.outcome === 'failed')
    for (const [id, sample] of Object.entries(endpoint.sample))
      if (sample.error && ids.includes(id)) lines.push(`      ${paint('red', `${id}: ${sample.error.message}`)}`);
  return lines;
}

function verdictLine(report: ComparisonReport, paint: Paint): string {
  const { summary } = report;
  const extra = `${summary.suppressed} suppressed as noise, ${summary.ignored} ignored`;
  if (report.verdict === 'unreachable') {
    const down = report.targets.filter((target) => !target.reachable).map((target) => `${target.id} (${target.failed}/${target.sent} failed)`);
    return paint('red', `Unreachable: ${down.join(', ')} did not answer every request; the comparison is incomplete.`);
  }
  if (report.verdict === 'different')
    return paint(
      'red',
      `Different: ${plural(summary.differences, 'field')} in ${plural(summary.differingEndpoints, 'endpoint')} differ from ${report.baseline}` +
        `${summary.expectationFailures ? `, ${summary.expectationFailures} expectation(s) failed` : ''}`,
    ) + paint('dim', ` (${extra}).`);
  return paint('green', `Same: every endpoint answers like ${report.baseline}`) + paint('dim', ` (${extra}).`);
}

/** Pads to `width` visible characters (colour codes do not count); cuts longer text. */
function pad(text: string, width: number): string {
  const visible = text.replace(/\u001b\[\d+m/g, '');
  if (visible.length > width - 1) return `${visible.slice(0, width - 2)}… `;
  return text + ' '.repeat(Math.max(1, width - visible.length));
}
