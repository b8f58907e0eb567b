export type CheckStatus = 'ok' | 'warn' | 'fail';

/** One line of `skylift doctor`; `fix` says what to do when the status is not ok (else null). */
export interface DoctorCheck {
  readonly name: string;
  readonly status: CheckStatus;
  readonly detail: string;
  readonly fix: string | null;
}

export interface DoctorReport {
  readonly checks: readonly DoctorCheck[];
  /** False when any check failed; warnings (optional things) keep it true. */
  readonly ok: boolean;
}

export function doctorReport(checks: readonly DoctorCheck[]): DoctorReport {
  return { checks, ok: checks.every((check) => check.status !== 'fail') };
}
