import type { IgnoreRules } from './ignore.ts';

/** Checks a suite can state about every target's response, on top of the comparison. */
export interface Expectations {
  readonly status?: number;
  /** JSON path → expected value, e.g. `{ "$.status": "ok" }`. */
  readonly json?: Readonly<Record<string, unknown>>;
  /** Header names that must be present. */
  readonly headers?: readonly string[];
}

/** One request sent identically to every target. Requests with the same `name` are samples of one endpoint. */
export interface ComparisonRequest {
  readonly name: string;
  readonly method: string;
  /** Path and query, e.g. `/api/items?limit=2`; appended to each target's base path. */
  readonly path: string;
  /** Lower-case names. Host is never sent from here: each target gets its own. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  readonly expect?: Expectations;
  /** Extra ignore rules for this endpoint only. */
  readonly ignore?: IgnoreRules;
  /** Where it was declared (`suite.yaml:12:5`, `capture.jsonl:3`), for messages. */
  readonly origin?: string;
}

const sideEffectMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Diffy's rule too: only safe methods are replayed unless the user allows side effects. */
export function hasSideEffects(method: string): boolean {
  return sideEffectMethods.has(method.toUpperCase());
}

export const httpMethods = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
