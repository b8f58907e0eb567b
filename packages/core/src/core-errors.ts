import { defineError } from './errors.ts';

export const LedgerUnreadable = defineError(
  'SKYLIFT_LEDGER_UNREADABLE',
  (path: string, reason: string) =>
    `${path} is not valid skylift state (${reason}); fix or move it aside, skylift will not overwrite it`,
);
