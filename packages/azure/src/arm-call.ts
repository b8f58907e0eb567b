import { toSkyliftError } from './arm-error.ts';
import { withRetry, type RetryOptions } from './retry.ts';

/**
 * One idempotent ARM call as skylift makes it: transient failures retried with backoff on top of
 * the SDK's own retries, anything else turned into a one-line SkyliftError naming `resource`.
 */
export async function armCall<T>(resource: string, retry: RetryOptions, call: () => Promise<T>): Promise<T> {
  let attempts = 0;
  try {
    return await withRetry(() => {
      attempts += 1;
      return call();
    }, retry);
  } catch (error) {
    throw toSkyliftError(error, resource, attempts);
  }
}

export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === 404;
}

/** A GET where 404 means "not there yet": the first half of every ensure. */
export function armGet<T>(resource: string, retry: RetryOptions, call: () => Promise<T>): Promise<T | undefined> {
  return armCall(resource, retry, async () => {
    try {
      return await call();
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  });
}

/** A DELETE where 404 means "already gone"; resolves to whether something was deleted. */
export async function armDelete(resource: string, retry: RetryOptions, call: () => Promise<unknown>): Promise<boolean> {
  const deleted = await armGet(resource, retry, async () => {
    await call();
    return true;
  });
  return deleted === true;
}
