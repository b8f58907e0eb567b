/**
 * Every error skylift shows a user is a SkyliftError: a stable `code` (for scripts and docs) and a
 * one-line message that names the fix. Packages declare their own codes with `defineError`, in one
 * `errors.ts` each, the way fastify keeps `lib/errors.js`.
 */
export class SkyliftError extends Error {
  readonly code: string;
  /** Process exit code the CLI uses when this error ends a command. */
  readonly exitCode: number;

  constructor(code: string, message: string, options: { cause?: unknown; exitCode?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SkyliftError';
    this.code = code;
    this.exitCode = options.exitCode ?? 1;
  }
}

export interface ErrorFactory<A extends unknown[]> {
  (...args: A): SkyliftError;
  readonly code: string;
  /** True when `error` was made by this factory. */
  is(error: unknown): error is SkyliftError;
}

/** Declares an error code with a message template; `exitCode` defaults to 1 (2 is for usage). */
export function defineError<A extends unknown[]>(
  code: string,
  message: (...args: A) => string,
  exitCode = 1,
): ErrorFactory<A> {
  const make = (...args: A) => new SkyliftError(code, message(...args), { exitCode });
  return Object.assign(make, {
    code,
    is: (error: unknown): error is SkyliftError => error instanceof SkyliftError && error.code === code,
  });
}

export function isSkyliftError(error: unknown): error is SkyliftError {
  return error instanceof SkyliftError;
}

/** The message of anything thrown, for the one line a user sees. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
