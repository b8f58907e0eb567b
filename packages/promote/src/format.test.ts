import { describe, expect, it } from 'vitest';
import { costLine, formatResult } from './format.ts';
import type { PromoteResult } from './result.ts';

const cost = { monthly: 18.14, currency: 'USD', approximate: false, unknown: [], pricesAsOf: '2024-10-01' };

describe('output lines', () => {
  it('says once, on Azure only, what costs money and how to remove it', () => {
    expect(costLine({ target: 'azure', cost })).toBe(
      'This costs money (USD 18.14/month at list prices of 2024-10-01) until you remove it with `skylift down`.',
    );
    expect(costLine({ target: 'azure', cost: { ...cost, approximate: true, unknown: ['registry Premium'] } })).toContain(
      '~USD 18.14/month plus registry Premium',
    );
    expect(costLine({ target: 'local', cost })).toBeUndefined();
  });

  it('prints "Promoted" only for a promoted verdict', () => {
    const base: PromoteResult = {
      verdict: 'promoted',
      target: 'local',
      cloud: 'local',
      subscriptionId: 's',
      location: 'westeurope',
      url: 'https://127.0.0.1:1',
      image: { reference: 'r/x:1', digest: 'sha256:1', bytesPushed: 1, layersPushed: 1, layersSkipped: 0 },
      resources: {},
      compare: { same: true, differences: 0, requests: 3, unreachable: [], details: [] },
      stages: { build: { ran: true, durationMs: 1200 }, provision: { ran: false, durationMs: 0 } },
      durationMs: 5000,
      cost,
    };
    expect(formatResult(base).join('\n')).toContain('Promoted: https://127.0.0.1:1 runs r/x:1');
    expect(formatResult(base).join('\n')).toContain('stages: build 1.2s, provision skipped; total 5.0s');
    const differs = formatResult({ ...base, verdict: 'differs', compare: { same: false, differences: 2, requests: 3, unreachable: [], details: ['GET /api/items/2 $.price (value): 20 → 25'] } }).join('\n');
    expect(differs).not.toContain('Promoted');
    expect(differs).toContain('2 difference(s)');
    expect(differs).toContain('GET /api/items/2 $.price (value): 20 → 25');
  });
});
