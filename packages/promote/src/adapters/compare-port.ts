import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { loadRequests, renderHtmlReport, renderTerminalReport, runComparison, type ComparisonReport } from '@skylift/compare';
import type { ComparePort } from '../ports.ts';

/** Human lines for the differences: endpoint, field, and each side's value. */
function differenceLines(report: ComparisonReport): string[] {
  return report.endpoints.flatMap((endpoint) =>
    endpoint.differences.map(
      (d) => `${endpoint.method} ${endpoint.path} ${d.field} (${d.kind}): ${JSON.stringify(d.baseline)} → ${JSON.stringify(d.candidate)}`,
    ),
  );
}

/**
 * @skylift/compare behind the promote ComparePort: the app's suite (or the share's capture) sent
 * to the baseline and the cloud copy, noise learned from the baseline, HTML report written.
 */
export function compareRunner(options: { cwd: string; color?: boolean; onReport?: (text: string) => void }): ComparePort {
  return {
    async compare(input, onProgress) {
      const loaded = await loadRequests({
        cwd: options.cwd,
        ...(input.suitePath ? { suite: input.suitePath } : {}),
        ...(input.capturePath ? { fromCapture: input.capturePath } : {}),
      });
      const report = await runComparison({
        targets: [
          { url: input.baseline, name: 'baseline' },
          { url: input.candidate, name: 'cloud' },
        ],
        requests: loaded.requests,
        ...(loaded.ignore ? { ignore: loaded.ignore } : {}),
        ...(loaded.noise ? { noise: loaded.noise } : {}),
        onProgress: ({ done, total }) => onProgress(`${done}/${total} requests`),
      });
      if (input.htmlReport) {
        await mkdir(dirname(input.htmlReport), { recursive: true });
        await writeFile(input.htmlReport, renderHtmlReport(report));
      }
      options.onReport?.(renderTerminalReport(report, { color: options.color ?? false }));
      return {
        same: report.verdict === 'same',
        differences: report.summary.differences,
        requests: report.summary.requestsSent,
        unreachable: report.targets.filter((t) => !t.reachable).map((t) => t.url),
        lines: differenceLines(report),
        ...(input.htmlReport ? { htmlReport: input.htmlReport } : {}),
      };
    },
  };
}
