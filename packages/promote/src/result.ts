import type { ResourceKind, StageName, Target, Verdict } from './ledger-section.ts';
import type { CompareSummary } from './ports.ts';
import type { BaselineKind } from './stages/compare.ts';

/** The compare port's summary as `--json` shows it: its lines are called `details` there. */
export interface CompareResult extends Omit<CompareSummary, 'lines'> {
  /** What differs, one line each: endpoint, field, baseline value → cloud value. */
  readonly details: readonly string[];
}

/** What `skylift promote --json` prints: a stable object, nothing secret. */
export interface PromoteResult {
  readonly verdict: Verdict;
  readonly target: Target;
  readonly cloud: string;
  readonly subscriptionId: string;
  readonly location: string;
  readonly url?: string;
  readonly baseline?: { readonly kind: BaselineKind; readonly url: string };
  readonly image?: {
    readonly reference: string;
    readonly digest: string;
    readonly previous?: string;
    readonly bytesPushed: number;
    readonly layersPushed: number;
    readonly layersSkipped: number;
  };
  readonly resources: Partial<Record<ResourceKind, { readonly name: string; readonly id?: string }>>;
  readonly compare?: CompareResult;
  readonly rollback?: { readonly from: string; readonly to: string; readonly compare: CompareResult };
  readonly stages: Partial<Record<StageName | 'rollback', { readonly ran: boolean; readonly durationMs: number }>>;
  readonly durationMs: number;
  readonly cost: {
    readonly monthly: number;
    readonly currency: string;
    readonly approximate: boolean;
    readonly unknown: readonly string[];
    readonly pricesAsOf: string;
  };
}
