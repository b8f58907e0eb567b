import { describe, expect, it } from 'vitest';
import { armError } from './testing/arm-error.ts';
import { backoffDelay, errorFacts, isTransient, parseRetryAfter, withRetry, type RetryOptions } from './retry.ts';

const fast = (overrides: Partial<RetryOptions> = {}): RetryOptions & { slept: number[] } => {
  const slept: number[] = [];
  return { attempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, random: () => 1, sleep: async (ms) => void slept.push(ms), slept, ...overrides };
};

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3_000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 15:00:10 GMT', Date.parse('Wed, 25 Nov 2026 15:00:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('isTransient', () => {
  it.each([
    [429, true],
    [408, true],
    [500, true],
    [503, true],
    [501, false],
    [505, false],
    [400, false],
    [404, false],
    [409, false],
  ])('status %i → %s', (status, transient) => {
    expect(isTransient({ status, message: '' })).toBe(transient);
  });

  it('treats socket errors as transient and other status-less errors as not', () => {
    expect(isTransient({ code: 'ECONNRESET', message: '' })).toBe(true);
    expect(isTransient({ code: 'CredentialUnavailable', message: '' })).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('doubles from the base, capped, and lets a longer Retry-After win', () => {
    const options = fast();
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, options))).toEqual([100, 200, 400, 800, 1_000]);
    expect(backoffDelay(1, options, 700)).toBe(700);
    expect(backoffDelay(1, options, 60_000)).toBe(1_000);
    expect(backoffDelay(3, { ...options, random: () => 0 })).toBe(200);
  });
});

describe('withRetry', () => {
  it('retries a 429 without Retry-After (the SDK does not) and a 500, then succeeds', async () => {
    const options = fast();
    const failures = [armError(429, 'TooManyRequests'), armError(500, 'InternalServerError')];
    const result = await withRetry(async () => {
      const next = failures.shift();
      if (next) throw next;
      return 'ok';
    }, options);
    expect(result).toBe('ok');
    expect(options.slept).toEqual([100, 200]);
  });

  it('honours Retry-After', async () => {
    const options = fast();
    let calls = 0;
    await withRetry(async () => {
      if (calls++ === 0) throw armError(429, 'TooManyRequests', '0.5');
    }, options);
    expect(options.slept).toEqual([500]);
  });

  it('gives up after the last attempt with the last error', async () => {
    const options = fast({ attempts: 3 });
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls += 1;
        throw armError(503, 'ServiceUnavailable');
      }, options),
    ).rejects.toMatchObject({ statusCode: 503 });
    expect(calls).toBe(3);
  });

  it('does not retry what is not transient', async () => {
    const options = fast();
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls += 1;
        throw armError(400, 'InvalidRequest');
      }, options),
    ).rejects.toMatchObject({ code: 'InvalidRequest' });
    expect(calls).toBe(1);
  });

  it('retries on a custom predicate', async () => {
    const options = fast();
    let calls = 0;
    await withRetry(
      async () => {
        if (calls++ < 2) throw armError(400, 'PrincipalNotFound');
      },
      options,
      (facts) => facts.code === 'PrincipalNotFound',
    );
    expect(calls).toBe(3);
  });

  it('reads status, code and Retry-After off an SDK error', () => {
    expect(errorFacts(armError(429, 'TooManyRequests', '2'))).toMatchObject({ status: 429, code: 'TooManyRequests', retryAfterMs: 2_000 });
    expect(errorFacts('boom')).toEqual({ message: 'boom' });
  });
});
