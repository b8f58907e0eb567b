/**
 * Failures tests can ask for, so clients prove they survive what Azure does to them: throttling,
 * 5xx, the directory-replication window after a new identity, and AcrPull's propagation delay.
 */
export interface ArmFaultRule {
  /** 429 answers `SubscriptionRequestsThrottled` with Retry-After; 500/503 an internal error. */
  readonly status: 429 | 500 | 503;
  /** How many matching requests fail before the rule is spent. */
  readonly times: number;
  readonly method?: string;
  /** Case-insensitive substring of the request path, e.g. `Microsoft.Web/sites`. */
  readonly pathContains?: string;
  readonly retryAfterSeconds?: number;
}

export interface AzureFaults {
  readonly arm?: readonly ArmFaultRule[];
  /** Role assignments naming a principal younger than this answer 400 PrincipalNotFound. */
  readonly principalNotFoundMs?: number;
  /** A new role assignment takes this long before ACR's token endpoint honours it. */
  readonly acrPullPropagationMs?: number;
}

export class FaultController {
  private rules: { rule: ArmFaultRule; left: number }[] = [];
  private settings: AzureFaults = {};

  constructor(initial: AzureFaults = {}) {
    this.set(initial);
  }

  set(faults: AzureFaults): void {
    this.settings = faults;
    this.rules = (faults.arm ?? []).map((rule) => ({ rule, left: rule.times }));
  }

  current(): AzureFaults {
    return { ...this.settings, arm: this.rules.filter((entry) => entry.left > 0).map((entry) => ({ ...entry.rule, times: entry.left })) };
  }

  get principalNotFoundMs(): number {
    return this.settings.principalNotFoundMs ?? 0;
  }

  get acrPullPropagationMs(): number {
    return this.settings.acrPullPropagationMs ?? 0;
  }

  /** The rule this request trips, if any (and counts it). */
  take(method: string, path: string): ArmFaultRule | undefined {
    const entry = this.rules.find(
      ({ rule, left }) =>
        left > 0 &&
        (rule.method === undefined || rule.method.toUpperCase() === method) &&
        (rule.pathContains === undefined || path.toLowerCase().includes(rule.pathContains.toLowerCase())),
    );
    if (!entry) return undefined;
    entry.left -= 1;
    return entry.rule;
  }
}
