import { setTimeout as delay } from 'node:timers/promises';

/**
 * What the SDK pipeline already retries (core-rest-pipeline `defaultRetryPolicy`, checked in
 * @typespec/ts-http-runtime): 429/503 that carry Retry-After (honoured), 408 and 5xx except 501/505,
 * and socket errors, 3 retries from 1 s. What it does not: a 429 without Retry-After, and anything
 * past those 3 retries (ARM throttling windows last longer). `withRetry` wraps a whole idempotent
 * call (a PUT, a GET, an LRO) around that with its own backoff.
 */
export interface RetryOptions {
  /** Total attempts, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** 0..1; jitter keeps parallel runs from retrying in step. */
  readonly random?: () => number;
  readonly onRetry?: (retry: { attempt: number; delayMs: number; reason: string }) => void;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 6, baseDelayMs: 2_000, maxDelayMs: 60_000 };

export interface ErrorFacts {
  readonly status?: number;
  readonly code?: string;
  readonly message: string;
  readonly retryAfterMs?: number;
}

interface ErrorLike {
  statusCode?: unknown;
  code?: unknown;
  message?: unknown;
  response?: { headers?: { get?(name: string): string | undefined } };
}

const SOCKET_ERRORS = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

/** The status, Azure's error code and Retry-After of whatever an SDK threw (RestError or not). */
export function errorFacts(error: unknown): ErrorFacts {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const e = error as ErrorLike;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const code = typeof e.code === 'string' && e.code !== '' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message : String(error);
  const retryAfter = e.response?.headers?.get?.('retry-after');
  return { status, code, message, retryAfterMs: parseRetryAfter(retryAfter) };
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

export function isTransient(facts: ErrorFacts): boolean {
  if (facts.status === undefined) return facts.code !== undefined && SOCKET_ERRORS.has(facts.code);
  return facts.status === 429 || facts.status === 408 || (facts.status >= 500 && facts.status !== 501 && facts.status !== 505);
}

/** Exponential from `baseDelayMs`, capped, with jitter in [50 %, 100 %]; a server's Retry-After wins when longer. */
export function backoffDelay(attempt: number, options: RetryOptions, retryAfterMs?: number): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const jittered = exponential * (0.5 + (options.random ?? Math.random)() / 2);
  return Math.round(Math.max(jittered, Math.min(retryAfterMs ?? 0, options.maxDelayMs)));
}

/**
 * Runs `call` until it succeeds, fails with something `shouldRetry` rejects, or runs out of attempts;
 * then rethrows the last error. Only for idempotent calls.
 */
export async function withRetry<T>(
  call: (attempt: number) => Promise<T>,
  options: RetryOptions,
  shouldRetry: (facts: ErrorFacts) => boolean = isTransient,
): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      const facts = errorFacts(error);
      if (attempt >= options.attempts || !shouldRetry(facts)) throw error;
      const delayMs = backoffDelay(attempt, options, facts.retryAfterMs);
      options.onRetry?.({ attempt, delayMs, reason: facts.code ?? String(facts.status ?? facts.message) });
      await sleep(delayMs);
    }
  }
}
