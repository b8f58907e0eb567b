import { describe, expect, it } from 'vitest';
import { compileIgnore } from './ignore.ts';
import { judgeField } from './noise.ts';

describe('judgeField (Diffy noise rule)', () => {
  it('suppresses a field the baseline varies in as often', () => {
    const verdict = judgeField({ raw: 5, rawTotal: 5, noise: 5, noiseTotal: 5 });
    expect(verdict.real).toBe(false);
    expect(verdict.reason).toMatch(/baseline varies on its own/);
  });

  it('reports a field that only differs against the candidate', () => {
    expect(judgeField({ raw: 1, rawTotal: 1, noise: 0, noiseTotal: 1 })).toMatchObject({ real: true, relativePercent: 100, absolutePercent: 100 });
  });

  it('applies the relative threshold: 12 vs 10 is within 20 %', () => {
    const verdict = judgeField({ raw: 12, rawTotal: 100, noise: 10, noiseTotal: 100 });
    expect(verdict.real).toBe(false);
    expect(verdict.relativePercent).toBeCloseTo(9.09, 2);
    expect(verdict.reason).toMatch(/relative gap 9\.1 % is within the 20 % threshold/);
    expect(judgeField({ raw: 20, rawTotal: 100, noise: 10, noiseTotal: 100 }).real).toBe(true);
  });

  it('applies the absolute threshold, configurable', () => {
    const counts = { raw: 2, rawTotal: 10_000, noise: 0, noiseTotal: 10_000 };
    expect(judgeField(counts).real).toBe(false);
    expect(judgeField(counts).reason).toMatch(/0\.020 % of requests, within the 0\.03 % threshold/);
    expect(judgeField(counts, { relativePercent: 20, absolutePercent: 0.01 }).real).toBe(true);
  });

  it('scales noise when fewer noise samples were taken', () => {
    expect(judgeField({ raw: 4, rawTotal: 4, noise: 2, noiseTotal: 2 }).real).toBe(false);
  });
});

describe('ignore list', () => {
  const matcher = compileIgnore([{ headers: ['X-Instance'], fields: ['$.runtime.hostname'] }]);
  const match = (...segments: Array<string | number>) => matcher.match({ segments });

  it('ignores platform headers and affinity cookies by default and names the rule', () => {
    expect(match('header', 'date')).toBe('header date');
    expect(match('header', 'ngrok-trace-id')).toBe('header ngrok-*');
    expect(match('header', 'x-forwarded-for')).toBe('header x-forwarded-*');
    expect(match('header', 'x-ms-request-id')).toBe('header x-ms-*');
    expect(match('header', 'set-cookie', 'ARRAffinity')).toBe('header.set-cookie.ARRAffinity*');
    expect(match('header', 'content-type')).toBeUndefined();
    expect(match('header', 'set-cookie', 'session')).toBeUndefined();
  });

  it('takes suite header names and field globs', () => {
    expect(match('header', 'x-instance')).toBe('header X-Instance');
    expect(match('$', 'runtime', 'hostname')).toBe('$.runtime.hostname');
    expect(match('$', 'runtime', 'node')).toBeUndefined();
  });
});
