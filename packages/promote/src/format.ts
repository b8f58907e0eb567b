import type { PromotePlan } from './plan.ts';
import type { PromoteResult } from './result.ts';
import type { StatusResult, Health } from './status.ts';
import type { PlannedRemoval } from './plan.ts';
import { formatMoney } from './prices.ts';
import { formatDuration } from './progress.ts';

function money(amount: number | undefined, currency: string, approximate = false): string {
  return amount === undefined ? 'price unknown' : `${approximate ? '~' : ''}${formatMoney(amount, currency)}/month`;
}

/** `promote --dry-run`: the whole plan, what it costs, and what `down` would remove. */
export function formatPlan(plan: PromotePlan): string[] {
  const lines = [
    `Plan for ${plan.names.project}: target ${plan.target} (${plan.cloud}), subscription ${plan.subscriptionId}, region ${plan.location}`,
    '',
  ];
  for (const r of plan.resources) {
    const tier = r.tier ? ` [${r.tier}]` : '';
    const price = r.tier ? `  ${money(r.price?.monthly, r.price?.currency ?? plan.monthly.currency, r.price?.approximate)}` : '';
    lines.push(`  ${r.action.padEnd(6)} ${r.type}  ${r.name}${tier}${price}`);
  }
  lines.push(
    `  image  build → check locally → push ${plan.names.repository} → deploy${plan.currentImage ? ` (replaces ${plan.currentImage}, kept for rollback)` : ''}`,
    '',
    `Monthly: ${money(plan.monthly.total, plan.monthly.currency, plan.monthly.approximate)}${
      plan.monthly.unknown.length ? ` + ${plan.monthly.unknown.join(', ')} (not in the price table: ${plan.monthly.pricingPage})` : ''
    }`,
    `Prices: list prices as of ${plan.prices.asOf}. ${plan.prices.note}`,
    `Tags on everything: ${Object.entries(plan.tags).map(([k, v]) => `${k}=${v}`).join(', ')}`,
    `skylift down would remove: ${formatRemovals(plan.down)}`,
    'Dry run: nothing was created, built or pushed.',
  );
  return lines;
}

export function formatRemovals(removals: readonly PlannedRemoval[]): string {
  return removals.length ? removals.map((r) => `${r.kind} ${r.name}`).join(', ') : 'nothing';
}

/** The one line after a run that left billable resources behind. */
export function costLine(result: Pick<PromoteResult, 'target' | 'cost'>): string | undefined {
  if (result.target === 'local') return undefined;
  const { cost } = result;
  const amount = `${cost.approximate ? '~' : ''}${formatMoney(cost.monthly, cost.currency)}/month`;
  const unknown = cost.unknown.length ? ` plus ${cost.unknown.join(', ')}` : '';
  return `This costs money (${amount}${unknown} at list prices of ${cost.pricesAsOf}) until you remove it with \`skylift down\`.`;
}

export function formatResult(result: PromoteResult): string[] {
  const lines: string[] = [];
  if (result.compare) {
    const c = result.compare;
    lines.push(
      `compare: ${c.same ? 'same' : `${c.differences} difference(s)`} over ${c.requests} request(s), baseline ${result.baseline?.url} (${result.baseline?.kind}) vs ${result.url}`,
    );
    lines.push(...c.details.slice(0, 10).map((line) => `  ${line}`));
    if (c.details.length > 10) lines.push(`  … ${c.details.length - 10} more in the report`);
    if (c.htmlReport) lines.push(`report: ${c.htmlReport}`);
  }
  if (result.rollback) {
    lines.push(
      `rolled back: ${result.rollback.from} → ${result.rollback.to}; compare after rollback: ${
        result.rollback.compare.same ? 'same' : `${result.rollback.compare.differences} difference(s)`
      }`,
    );
  }
  const times = Object.entries(result.stages)
    .map(([name, s]) => `${name} ${s?.ran ? formatDuration(s.durationMs) : 'skipped'}`)
    .join(', ');
  lines.push(`stages: ${times}; total ${formatDuration(result.durationMs)}`);
  if (result.verdict === 'promoted') lines.push(`Promoted: ${result.url} runs ${result.image?.reference} and answers like the baseline.`);
  return lines;
}

function health(h: Health | undefined): string {
  if (!h) return 'not checked';
  return h.ok ? `healthy (${h.status}, ${h.ms}ms)` : `unhealthy (${h.status ?? h.error})`;
}

function age(seconds: number): string {
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86_400)}d`;
}

export function formatStatus(status: StatusResult): string[] {
  const lines: string[] = [];
  if (status.share) {
    lines.push(`share: ${status.share.url} ${status.share.running ? health(status.share.health) : '(not running)'}`);
  } else {
    lines.push('share: none (start one with `skylift share`)');
  }
  const cloud = status.cloud;
  if (!cloud) {
    lines.push('cloud: nothing promoted (run `skylift promote --dry-run` to see the plan)');
    return lines;
  }
  lines.push(`cloud: ${cloud.url ?? '(not live yet)'} ${cloud.url ? health(cloud.health) : ''} [${cloud.target}, ${cloud.cloud}]`.trimEnd());
  if (cloud.image) lines.push(`image: ${cloud.image.reference} ${cloud.image.digest} deployed ${age(cloud.image.ageSeconds)} ago`);
  if (cloud.previousImage) lines.push(`previous image (rollback): ${cloud.previousImage}`);
  if (cloud.lastVerdict) lines.push(`last promote: ${cloud.lastVerdict}`);
  lines.push(`resources: ${Object.entries(cloud.resources).map(([kind, r]) => `${kind} ${r.name}${r.status === 'ready' ? '' : ` (${r.status})`}`).join(', ')}`);
  const c = cloud.cost;
  lines.push(
    `cost so far: ~${formatMoney(c.soFar, c.currency)} (${formatMoney(c.monthly, c.currency)}/month${c.unknown.length ? ` + unpriced ${c.unknown.join(', ')}` : ''}, list prices of ${c.pricesAsOf})`,
  );
  return lines;
}
