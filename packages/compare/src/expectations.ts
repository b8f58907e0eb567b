import { jsonEqual } from './classify.ts';
import { valueAtPath, type LiftedResponse } from './flatten.ts';
import type { ExpectationFailure } from './report.ts';
import type { Expectations } from './request.ts';

export function checkExpectations(expect: Expectations | undefined, target: string, response: LiftedResponse): ExpectationFailure[] {
  if (!expect) return [];
  const failures: ExpectationFailure[] = [];
  if (expect.status !== undefined && response.status !== expect.status)
    failures.push({ target, check: 'status', field: 'status', expected: expect.status, actual: response.status });
  for (const [path, expected] of Object.entries(expect.json ?? {})) {
    const actual = response.body.kind === 'json' ? valueAtPath(response.body.value, path) : undefined;
    if (!jsonEqual(actual, expected))
      failures.push({ target, check: 'json', field: path, expected, ...(actual !== undefined ? { actual } : {}) });
  }
  for (const name of expect.headers ?? [])
    if (!response.headers.has(name)) failures.push({ target, check: 'header', field: `header.${name}`, expected: 'present' });
  return failures;
}
