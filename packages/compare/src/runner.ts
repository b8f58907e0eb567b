import { rootCertificates } from 'node:tls';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { Pool } from 'undici';
import type { RawResponse } from './flatten.ts';
import type { ComparisonRequest } from './request.ts';
import { targetPath, type Target } from './target.ts';

export type Exchange =
  | { readonly ok: true; readonly response: RawResponse; readonly durationMs: number }
  | { readonly ok: false; readonly error: TransportError; readonly durationMs: number };

export interface TransportError {
  readonly code: string;
  readonly message: string;
}

export interface Runner {
  send(target: Target, request: ComparisonRequest): Promise<Exchange>;
  close(): Promise<void>;
}

export interface RunnerOptions {
  /** Connections per target. */
  readonly concurrency: number;
  /** Whole request, connect to last body byte. */
  readonly timeoutMs: number;
  /** A CA to trust besides the system's (e.g. the local cloud's), for https targets. */
  readonly extraCaPem?: string;
  readonly now?: () => number;
}

/** Errors that say the target cannot be reached at all (rather than one request failing). */
const connectCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
]);
/** After this many connect failures in a row a target is treated as down: no more waiting on it. */
const downAfter = 3;

/**
 * One undici pool per target. Every target gets the same method, path, headers and body; undici
 * sets Host from the target's own URL. Timing covers connect to last body byte.
 */
export function createRunner(targets: readonly Target[], options: RunnerOptions): Runner {
  const now = options.now ?? (() => performance.now());
  const pools = new Map<string, Pool>();
  const connectFailures = new Map<string, { count: number; last?: TransportError }>();
  const poolFor = (target: Target) => {
    let pool = pools.get(target.url.origin);
    if (!pool) {
      pool = new Pool(target.url.origin, {
        connections: options.concurrency,
        connect: { timeout: options.timeoutMs, ...(options.extraCaPem ? { ca: [...rootCertificates, options.extraCaPem] } : {}) },
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
      pools.set(target.url.origin, pool);
    }
    return pool;
  };
  for (const target of targets) poolFor(target);

  return {
    async send(target, request) {
      const failures = connectFailures.get(target.id) ?? { count: 0 };
      if (failures.count >= downAfter && failures.last)
        return { ok: false, durationMs: 0, error: { code: failures.last.code, message: `not sent: ${target.url.origin} is down (${failures.last.message})` } };
      const started = now();
      try {
        const response = await poolFor(target).request({
          method: request.method,
          path: targetPath(target, request.path),
          headers: { ...request.headers },
          ...(request.body !== undefined ? { body: request.body } : {}),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        const raw = new Uint8Array(await response.body.arrayBuffer());
        const durationMs = now() - started;
        connectFailures.set(target.id, { count: 0 });
        return {
          ok: true,
          durationMs,
          response: { status: response.statusCode, headers: response.headers, body: decode(raw, response.headers['content-encoding']) },
        };
      } catch (error) {
        const transport = describe(error, options.timeoutMs);
        if (connectCodes.has(transport.code)) connectFailures.set(target.id, { count: failures.count + 1, last: transport });
        return { ok: false, durationMs: now() - started, error: transport };
      }
    },
    async close() {
      await Promise.all([...pools.values()].map((pool) => pool.close()));
    },
  };
}

/** Bodies are compared decoded, so a front end that compresses does not look like a change. */
function decode(body: Uint8Array, encoding: string | string[] | undefined): Uint8Array {
  const name = String(encoding ?? '').trim().toLowerCase();
  try {
    if (name === 'gzip' || name === 'x-gzip') return gunzipSync(body);
    if (name === 'deflate') return inflateSync(body);
    if (name === 'br') return brotliDecompressSync(body);
  } catch {
    // A body that does not decode is compared as received; the difference will show.
  }
  return body;
}

function describe(error: unknown, timeoutMs: number): TransportError {
  const err = error as { code?: string; name?: string; message?: string; cause?: { code?: string }; errors?: Array<{ code?: string }> };
  if (err.name === 'TimeoutError' || err.code === 'UND_ERR_HEADERS_TIMEOUT' || err.code === 'UND_ERR_BODY_TIMEOUT')
    return { code: 'TIMEOUT', message: `no complete answer within ${timeoutMs} ms` };
  const code = err.code ?? err.cause?.code ?? err.errors?.find((inner) => inner.code)?.code ?? err.name ?? 'ERROR';
  const message = err.message || code;
  return { code, message: message.includes(code) ? message : `${code}: ${message}` };
}
