export { SkyliftError, defineError, isSkyliftError, messageOf, type ErrorFactory } from './errors.ts';
export { LedgerUnreadable } from './core-errors.ts';
export {
  LEDGER_DIR,
  LEDGER_FILE,
  ledgerPath,
  readLedger,
  writeLedger,
  updateLedgerSection,
  type LedgerState,
} from './ledger.ts';
export { createTerminal, type Terminal } from './terminal.ts';
export { REDACTED, type CapturedExchange, type CapturedMessage } from './capture.ts';
