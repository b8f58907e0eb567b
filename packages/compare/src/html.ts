import { groupByField, plural, showMs, showStatuses, showValue } from './format.ts';
import type { ComparisonReport, DifferenceReport, EndpointReport, TargetReport } from './report.ts';

/**
 * One self-contained HTML file (inline CSS, JS and SVG; nothing fetched), readable offline:
 * verdict, latency per target (p50/p95 chart), one row per endpoint that opens onto its field
 * differences, noise explanations, ignored fields and the first response of every target.
 */
export function renderHtmlReport(report: ComparisonReport): string {
  const columns = report.targets.filter((target) => target.role !== 'noise-baseline');
  const title = `skylift compare: ${verdictText(report)}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${css}</style></head>
<body><main style="--cols:${columns.length}">
<header class="top">
  <div><h1>skylift compare</h1><p class="muted">${esc(new Date(report.startedAt).toUTCString())} · ${esc(showMs(report.durationMs))} · ${plural(report.settings.repeat, 'round')} · noise from ${report.settings.noiseSource === 'baseline-twice' ? 'the baseline asked twice' : 'a second baseline'} (relative &gt; ${report.settings.noise.relativePercent} %, absolute &gt; ${report.settings.noise.absolutePercent} %)</p></div>
  <div class="verdict ${report.verdict}" data-testid="verdict">${esc(verdictText(report))}</div>
</header>
${summaryTiles(report)}
<section class="targets"><h2>Targets</h2><div class="target-grid">
  <table class="grid"><thead><tr><th></th><th>Role</th><th>URL</th><th>Sent</th><th>Failed</th><th>p50</th><th>p95</th></tr></thead><tbody>
  ${report.targets.map(targetRow).join('')}
  </tbody></table>
  ${latencyChart(report.targets)}
</div></section>
<section><div class="bar"><h2>Endpoints</h2><div class="filters" role="group">
  <button type="button" data-filter="all" class="on">All</button><button type="button" data-filter="different">Differences only</button>
  <button type="button" data-toggle="open">Expand all</button></div></div>
  <div class="endpoint head"><span></span><span>Endpoint</span>${columns.map((target) => `<span>${esc(target.id)}</span>`).join('')}<span>Result</span></div>
  ${report.endpoints.map((endpoint) => endpointBlock(endpoint, columns, report.baseline)).join('')}
</section>
<footer class="muted"><details><summary>Ignore rules (${report.settings.ignoreRules.length})</summary><p>${report.settings.ignoreRules.map((rule) => `<code>${esc(rule)}</code>`).join(' ')}</p></details>
<p>Report schema <code>${esc(report.schema)}</code>; the JSON is embedded below (<code>#report-data</code>).</p></footer>
</main>
<script type="application/json" id="report-data">${JSON.stringify(report).replace(/</g, '\\u003c')}</script>
<script>${script}</script>
</body></html>
`;
}

function verdictText(report: ComparisonReport): string {
  if (report.verdict === 'same') return 'Same behaviour';
  if (report.verdict === 'different') return `${plural(report.summary.differences, 'difference')} in ${plural(report.summary.differingEndpoints, 'endpoint')}`;
  return `Unreachable: ${report.targets.filter((target) => !target.reachable).map((target) => target.id).join(', ')}`;
}

function summaryTiles(report: ComparisonReport): string {
  const { summary } = report;
  const tiles: Array<[string, number, string]> = [
    ['Endpoints', summary.endpoints, ''],
    ['Differing', summary.differingEndpoints, summary.differingEndpoints ? 'bad' : 'good'],
    ['Field differences', summary.differences, summary.differences ? 'bad' : 'good'],
    ['Suppressed as noise', summary.suppressed, summary.suppressed ? 'warn' : ''],
    ['Ignored', summary.ignored, ''],
    ['Skipped', summary.skippedEndpoints, ''],
    ['Failed requests', summary.failedRequests, summary.failedRequests ? 'bad' : ''],
  ];
  return `<section class="tiles">${tiles.map(([label, value, tone]) => `<div class="tile ${tone}"><b>${value}</b><span>${label}</span></div>`).join('')}</section>`;
}

function targetRow(target: TargetReport): string {
  return `<tr class="${target.reachable ? '' : 'down'}"><td><b>${esc(target.id)}</b></td><td>${esc(target.role)}</td><td><code>${esc(target.url)}</code>${
    target.firstError ? `<div class="err">${esc(target.firstError.message)}</div>` : ''
  }</td><td>${target.sent}</td><td>${target.failed}</td><td>${target.latency ? esc(showMs(target.latency.p50Ms)) : '–'}</td><td>${target.latency ? esc(showMs(target.latency.p95Ms)) : '–'}</td></tr>`;
}

/** Horizontal bars per target: p95 (light) behind p50 (dark), on a shared millisecond scale. */
function latencyChart(targets: readonly TargetReport[]): string {
  const rowHeight = 34;
  const left = 52;
  const width = 420;
  // Room on the right for the "p50 / p95" label of the longest bar.
  const chartWidth = width - left - 128;
  const max = Math.max(1, ...targets.map((target) => target.latency?.p95Ms ?? 0));
  const height = targets.length * rowHeight + 32;
  const rows = targets
    .map((target, index) => {
      const y = 8 + index * rowHeight;
      if (!target.latency) return `<text x="0" y="${y + 15}" class="lbl">${esc(target.id)}</text><text x="${left}" y="${y + 15}" class="val">no answers</text>`;
      const p50 = (target.latency.p50Ms / max) * chartWidth;
      const p95 = (target.latency.p95Ms / max) * chartWidth;
      return `<text x="0" y="${y + 15}" class="lbl">${esc(target.id)}</text>
<rect x="${left}" y="${y}" width="${p95.toFixed(1)}" height="22" rx="3" class="p95"><title>${esc(target.id)} p95 ${esc(showMs(target.latency.p95Ms))}</title></rect>
<rect x="${left}" y="${y + 5}" width="${Math.max(1, p50).toFixed(1)}" height="12" rx="2" class="p50"><title>${esc(target.id)} p50 ${esc(showMs(target.latency.p50Ms))}</title></rect>
<text x="${(left + p95 + 6).toFixed(1)}" y="${y + 15}" class="val">${esc(showMs(target.latency.p50Ms))} / ${esc(showMs(target.latency.p95Ms))}</text>`;
    })
    .join('');
  return `<figure class="chart"><svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Latency per target, p50 and p95">${rows}
<g transform="translate(${left},${height - 8})"><rect width="10" height="8" class="p50"/><text x="14" y="8" class="val">p50</text><rect x="50" width="10" height="8" class="p95"/><text x="64" y="8" class="val">p95 (ms)</text></g></svg></figure>`;
}

function endpointBlock(endpoint: EndpointReport, columns: readonly TargetReport[], baseline: string): string {
  const cells = columns
    .map((target) => {
      const entry = endpoint.targets[target.id];
      const status = showStatuses(entry);
      const tone = endpoint.differences.some((d) => d.field === 'status' && (d.target === target.id || target.id === baseline)) ? 'bad' : '';
      return `<span class="cell"><b class="status ${tone}">${esc(status || '–')}</b> <small>${entry?.latency ? esc(showMs(entry.latency.p50Ms)) : ''}</small></span>`;
    })
    .join('');
  const badges = [
    endpoint.outcome === 'same' ? '<i class="badge good">same</i>' : '',
    endpoint.outcome === 'skipped' ? `<i class="badge" title="${esc(endpoint.skipped ?? '')}">skipped</i>` : '',
    endpoint.outcome === 'failed' ? '<i class="badge bad">no answer</i>' : '',
    endpoint.differences.length ? `<i class="badge bad">${plural(endpoint.differences.length, 'difference')}</i>` : '',
    endpoint.expectationFailures.length ? `<i class="badge bad">${endpoint.expectationFailures.length} expectation</i>` : '',
    endpoint.suppressed.length ? `<i class="badge warn">${endpoint.suppressed.length} noise</i>` : '',
    endpoint.ignored.length ? `<i class="badge">${endpoint.ignored.length} ignored</i>` : '',
  ].join('');
  const open = endpoint.outcome === 'different' || endpoint.outcome === 'failed' ? ' open' : '';
  const label = endpoint.name === `${endpoint.method} ${endpoint.path}` ? endpoint.path : endpoint.name;
  return `<details class="endpoint-block ${endpoint.outcome}" data-outcome="${endpoint.outcome}" data-endpoint="${esc(endpoint.name)}"${open}>
<summary class="endpoint"><span class="mark"></span><span class="name"${endpoint.origin ? ` title="${esc(endpoint.origin)}"` : ''}><b class="method">${esc(endpoint.method)}</b> ${esc(label)}</span>${cells}<span class="result">${badges}</span></summary>
<div class="drill">${drillDown(endpoint, columns, baseline)}</div></details>`;
}

function drillDown(endpoint: EndpointReport, columns: readonly TargetReport[], baseline: string): string {
  if (endpoint.outcome === 'skipped') return `<p class="muted">${esc(endpoint.skipped ?? '')}</p>`;
  const parts: string[] = [`<p class="muted"><code>${esc(endpoint.method)} ${esc(endpoint.path)}</code> · ${plural(endpoint.samples, 'sample')}</p>`];
  if (endpoint.differences.length) parts.push(`<h3>Differences</h3>${fieldTable(endpoint.differences, columns, baseline, false)}`);
  if (endpoint.expectationFailures.length)
    parts.push(
      `<h3>Failed expectations</h3><table class="grid"><thead><tr><th>Target</th><th>Check</th><th>Expected</th><th>Got</th></tr></thead><tbody>${endpoint.expectationFailures
        .map((f) => `<tr><td>${esc(f.target)}</td><td><code>${esc(f.field)}</code></td><td><code>${esc(showValue(f.expected, true))}</code></td><td class="bad"><code>${esc(showValue(f.actual, 'actual' in f))}</code></td></tr>`)
        .join('')}</tbody></table>`,
    );
  if (endpoint.suppressed.length) parts.push(`<h3>Suppressed as noise</h3>${fieldTable(endpoint.suppressed, columns, baseline, true)}`);
  if (endpoint.ignored.length)
    parts.push(
      `<p class="ignored muted">Ignored: ${endpoint.ignored
        .map((i) => `<code title="rule ${esc(i.rule)}">${esc(i.field)}</code> ${i.count}×`)
        .join(' · ')}</p>`,
    );
  const samples = columns.filter((target) => endpoint.sample[target.id]);
  if (samples.length)
    parts.push(
      `<details class="responses"><summary>Responses (first sample)</summary><div class="side" style="grid-template-columns:repeat(${samples.length},minmax(0,1fr))">${samples
        .map((target) => {
          const sample = endpoint.sample[target.id]!;
          if (sample.error) return `<div><h4>${esc(target.id)}</h4><p class="err">${esc(sample.error.message)}</p></div>`;
          const headers = Object.entries(sample.headers ?? {}).map(([k, v]) => `${k}: ${v}`).join('\n');
          return `<div><h4>${esc(target.id)} · ${sample.status} · ${esc(showMs(sample.durationMs))}</h4><pre class="headers">${esc(headers)}</pre><pre>${esc(sample.body ?? '')}</pre></div>`;
        })
        .join('')}</div></details>`,
    );
  return parts.join('');
}

function fieldTable(entries: readonly (DifferenceReport & { reason?: string })[], columns: readonly TargetReport[], baseline: string, noise: boolean): string {
  const head = `<tr><th>Field</th><th>Kind</th>${columns.map((t) => `<th>${esc(t.id)}${t.id === baseline ? ' <small>(baseline)</small>' : ''}</th>`).join('')}<th>Seen</th></tr>`;
  const body = groupByField(entries)
    .map(({ first, byTarget }) => {
      const values = columns
        .map((target) => {
          if (target.id === baseline) return `<td><code>${esc(showValue(first.baseline, 'baseline' in first))}</code></td>`;
          const entry = byTarget.get(target.id);
          return entry ? `<td class="${noise ? 'warn' : 'bad'}"><code>${esc(showValue(entry.candidate, 'candidate' in entry))}</code></td>` : '<td class="muted">same</td>';
        })
        .join('');
      const seen = `${first.count}/${first.of} vs noise ${first.noise}/${first.noiseOf}`;
      const extra = [first.detail ? `<pre class="detail">${esc(first.detail)}</pre>` : '', first.reason ? `<div class="reason">${esc(first.reason)}</div>` : ''].join('');
      return `<tr class="field-row"><td><code class="field">${esc(first.field)}</code></td><td><i class="kind ${first.kind}">${first.kind}</i></td>${values}<td class="muted">${esc(seen)}</td></tr>${
        extra ? `<tr class="sub"><td colspan="${columns.length + 3}">${extra}</td></tr>` : ''
      }`;
    })
    .join('');
  return `<table class="grid fields">${head}${body}</table>`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const css = `
:root{--bg:#f6f7f9;--card:#fff;--ink:#1d2430;--muted:#6a7382;--line:#e3e6eb;--good:#1a7f4b;--good-bg:#e6f5ec;--bad:#b42318;--bad-bg:#fdecea;--warn:#9a6700;--warn-bg:#fff4d6;--accent:#3056d3}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:1180px;margin:0 auto;padding:24px}
h1{margin:0;font-size:22px}h2{font-size:16px;margin:0 0 10px}h3{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:16px 0 6px}h4{margin:0 0 6px;font-size:13px}
.muted{color:var(--muted)}code,pre{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.top{display:flex;justify-content:space-between;align-items:center;gap:16px;margin-bottom:16px}.top p{margin:4px 0 0}
.verdict{font-weight:700;font-size:16px;padding:10px 16px;border-radius:8px;white-space:nowrap}
.verdict.same{background:var(--good-bg);color:var(--good)}.verdict.different{background:var(--bad-bg);color:var(--bad)}.verdict.unreachable{background:var(--warn-bg);color:var(--warn)}
.tiles{display:grid;grid-template-columns:repeat(7,1fr);gap:10px;margin-bottom:18px}
.tile{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px}.tile b{display:block;font-size:22px}.tile span{color:var(--muted);font-size:12px}
.tile.bad b{color:var(--bad)}.tile.good b{color:var(--good)}.tile.warn b{color:var(--warn)}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px;margin-bottom:18px}section.tiles{background:none;border:0;padding:0}
.target-grid{display:grid;grid-template-columns:minmax(0,1fr) 430px;gap:16px;align-items:start}
table.grid{border-collapse:collapse;width:100%}table.grid th,table.grid td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
table.grid th{font-size:12px;color:var(--muted);font-weight:600}tr.down td{background:var(--warn-bg)}.err{color:var(--bad);font-size:12px}
.chart{margin:0}.chart .lbl{font:600 13px system-ui,sans-serif;fill:var(--ink)}.chart .val{font:12px system-ui,sans-serif;fill:var(--muted)}.chart .p50{fill:var(--accent)}.chart .p95{fill:#c9d4f5}
.bar{display:flex;justify-content:space-between;align-items:center}.filters button{border:1px solid var(--line);background:#fff;border-radius:6px;padding:4px 10px;margin-left:6px;cursor:pointer;font:inherit}
.filters button.on{background:var(--ink);color:#fff;border-color:var(--ink)}
.endpoint{display:grid;grid-template-columns:22px minmax(220px,2.2fr) repeat(var(--cols),minmax(110px,1fr)) minmax(200px,1.6fr);gap:8px;align-items:center;padding:8px 6px}
.endpoint.head{font-size:12px;color:var(--muted);font-weight:600;border-bottom:1px solid var(--line)}
details.endpoint-block{border-bottom:1px solid var(--line)}details.endpoint-block>summary{cursor:pointer;list-style:none}details.endpoint-block>summary::-webkit-details-marker{display:none}
details.endpoint-block>summary:hover{background:#fafbfc}
.mark::before{content:"✓";color:var(--good);font-weight:700}.different .mark::before,.failed .mark::before{content:"✗";color:var(--bad)}.skipped .mark::before{content:"–";color:var(--muted)}
.status.bad{color:var(--bad)}.cell small{color:var(--muted)}
.badge{font-style:normal;font-size:12px;padding:2px 8px;border-radius:10px;background:#eef0f3;color:var(--muted);margin-right:4px;white-space:nowrap}
.badge.good{background:var(--good-bg);color:var(--good)}.badge.bad{background:var(--bad-bg);color:var(--bad)}.badge.warn{background:var(--warn-bg);color:var(--warn)}
.drill{margin:0 0 12px 30px;padding:2px 10px 8px 14px;border-left:3px solid var(--line)}details.different>.drill,details.failed>.drill{border-left-color:#f3b8b1}
td.bad{color:var(--bad)}
table.fields td.bad{background:var(--bad-bg)}table.fields td.warn{background:var(--warn-bg)}code.field{font-weight:600}
.kind{font-style:normal;font-size:12px;padding:1px 6px;border-radius:4px;background:#eef0f3}.kind.value,.kind.type{background:#fde7e4;color:var(--bad)}.kind.ordering,.kind.size{background:#e8edfb;color:var(--accent)}
tr.sub td{border-bottom:1px solid var(--line);padding-top:0}pre.detail{margin:0;background:#f3f4f6;padding:6px 8px;border-radius:4px;white-space:pre-wrap}.reason{color:var(--muted);font-size:12px}
.responses summary{cursor:pointer;color:var(--accent);margin-top:12px}.side{display:grid;gap:10px;margin-top:8px}.side pre{background:#f3f4f6;padding:8px;border-radius:6px;overflow:auto;max-height:320px;margin:0 0 6px}.side pre.headers{color:var(--muted)}
footer{padding:0 4px}footer code{background:#eef0f3;padding:1px 5px;border-radius:4px;margin:2px;display:inline-block}
.ignored{margin:10px 0 0;font-size:12px}.ignored code{background:#eef0f3;padding:1px 5px;border-radius:4px}
.hidden{display:none}
@media (max-width:900px){.tiles{grid-template-columns:repeat(3,1fr)}.target-grid{grid-template-columns:1fr}}
`;

const script = `
(() => {
  const blocks = [...document.querySelectorAll('details.endpoint-block')];
  document.querySelectorAll('[data-filter]').forEach((button) => button.addEventListener('click', () => {
    document.querySelectorAll('[data-filter]').forEach((other) => other.classList.toggle('on', other === button));
    const only = button.dataset.filter === 'different';
    blocks.forEach((block) => block.classList.toggle('hidden', only && !['different', 'failed'].includes(block.dataset.outcome)));
  }));
  const toggle = document.querySelector('[data-toggle]');
  toggle.addEventListener('click', () => {
    const open = toggle.dataset.toggle === 'open';
    blocks.forEach((block) => { block.open = open; });
    toggle.dataset.toggle = open ? 'close' : 'open';
    toggle.textContent = open ? 'Collapse all' : 'Expand all';
  });
})();
`;
