import type { DoctorCheck, DoctorReport } from './check.ts';

const MARK: Record<DoctorCheck['status'], string> = { ok: 'ok', warn: 'warn', fail: 'FAIL' };

/** The human table: check, status, detail, and the fix on its own line under anything not ok. */
export function renderDoctorTable(report: DoctorReport): string {
  const nameWidth = Math.max(5, ...report.checks.map((check) => check.name.length));
  const lines = [`${'CHECK'.padEnd(nameWidth)}  STATUS  DETAIL`];
  for (const check of report.checks) {
    lines.push(`${check.name.padEnd(nameWidth)}  ${MARK[check.status].padEnd(6)}  ${check.detail}`);
    if (check.status !== 'ok' && check.fix) lines.push(`${''.padEnd(nameWidth)}          fix: ${check.fix}`);
  }
  lines.push(report.ok ? 'All required checks passed.' : 'Some required checks failed: see the fixes above.');
  return `${lines.join('\n')}\n`;
}
