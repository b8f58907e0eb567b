/**
 * One line of a `share` capture (`.skylift/captures/*.jsonl`), written by @skylift/tunnel and
 * replayed by @skylift/compare. Secrets never reach it: Authorization, Cookie, Set-Cookie and
 * configured headers are replaced by REDACTED before the line is written.
 */
export interface CapturedMessage {
  readonly headers: Record<string, string | string[]>;
  /** Body as text (`utf8`) or base64 (`base64`), cut at the capture's size cap. */
  readonly body: string;
  readonly bodyEncoding: 'utf8' | 'base64';
  /** Size of the whole body on the wire, even when `body` was cut. */
  readonly bodyBytes: number;
  readonly bodyTruncated: boolean;
}

export interface CapturedExchange {
  /** ISO-8601 time the request arrived. */
  readonly time: string;
  readonly request: CapturedMessage & {
    readonly method: string;
    /** Path and query as the client sent them, e.g. `/api/items?limit=2`. */
    readonly path: string;
  };
  readonly response: CapturedMessage & { readonly status: number };
  readonly durationMs: number;
}

export const REDACTED = '[REDACTED]';
