import { describe, expect, it } from 'vitest';
import { buildProgressLine, formatBytes, pushProgressLine } from './progress-lines.ts';

describe('progress lines', () => {
  it('gives one line per build step, cache hit and output line', () => {
    expect(buildProgressLine({ type: 'context', files: 3, bytes: 652_101 })).toBe('sending build context: 3 files, 652.1 kB');
    expect(buildProgressLine({ type: 'step', step: 4, total: 15, instruction: 'COPY dist/server.mjs dist/server.mjs' })).toBe(
      'step 4/15  COPY dist/server.mjs dist/server.mjs',
    );
    expect(buildProgressLine({ type: 'cache-hit', step: 4, total: 15 })).toBe('step 4/15  (cached)');
    expect(buildProgressLine({ type: 'output', step: 5, line: 'ok' })).toBe('  | ok');
  });

  it('says what happened to each layer of a push and stays quiet about byte counters', () => {
    expect(pushProgressLine({ type: 'layer-done', id: 'cbd5f9c19ad6', outcome: 'pushed', bytes: 650_920 })).toBe(
      'layer cbd5f9c19ad6: pushed 650.9 kB',
    );
    expect(pushProgressLine({ type: 'layer-done', id: '877e957319b1', outcome: 'exists', bytes: 0 })).toBe(
      'layer 877e957319b1: already in the registry',
    );
    expect(pushProgressLine({ type: 'layer', id: 'x', status: 'Pushing', current: 1, total: 2 })).toBeUndefined();
  });

  it('formats sizes', () => {
    expect([formatBytes(999), formatBytes(1500), formatBytes(104_330_638)]).toEqual(['999 B', '1.5 kB', '104.3 MB']);
  });
});
