import { describe, expect, it } from 'vitest';
import { AzureInvalidName } from './errors.ts';
import { linuxFxVersion, validateName, validateNames } from './names.ts';

describe('validateName', () => {
  it.each([
    ['registry', 'skyliftdemo01'],
    ['registry', 'abcde'],
    ['registry', 'a'.repeat(50)],
    ['site', 'my-api'],
    ['site', 'ab'],
    ['site', 'a'.repeat(60)],
    ['plan', 'my-plan'],
    ['resourceGroup', 'skylift-demo_rg.(1)'],
    ['resourceGroup', 'a'.repeat(90)],
    ['location', 'westeurope'],
    ['repository', 'sample-api'],
    ['repository', 'team/sample.api_v2'],
    ['tag', 'v1.2.3-rc_1'],
  ] as const)('accepts %s %s', (kind, name) => {
    expect(validateName(kind, name)).toBe(name);
  });

  it.each([
    ['registry', 'abcd', '5-50'],
    ['registry', 'has-hyphen', 'no hyphens'],
    ['registry', 'a'.repeat(51), '5-50'],
    ['site', 'a', '2-60'],
    ['site', '-leading', 'hyphen'],
    ['site', 'trailing-', 'hyphen'],
    ['site', 'under_score', 'letters, digits and hyphens'],
    ['site', 'a'.repeat(61), '2-60'],
    ['plan', 'has space', 'letters, digits and hyphens'],
    ['plan', '', '1-60'],
    ['resourceGroup', 'ends-with-period.', 'not ending with a period'],
    ['resourceGroup', 'a'.repeat(91), '1-90'],
    ['resourceGroup', 'slash/no', '1-90'],
    ['location', 'West Europe', 'region'],
    ['repository', 'Upper', 'lowercase'],
    ['tag', '.hidden', 'not starting'],
  ] as const)('rejects %s %j naming the rule', (kind, name, rulePart) => {
    let thrown: unknown;
    try {
      validateName(kind, name);
    } catch (error) {
      thrown = error;
    }
    expect(AzureInvalidName.is(thrown)).toBe(true);
    const error = thrown as Error & { exitCode: number };
    expect(error.message).toContain(rulePart);
    expect(error.message).not.toContain('\n');
    expect(error.exitCode).toBe(2);
  });

  it('validateNames reports the first bad one', () => {
    expect(() => validateNames({ resourceGroup: 'rg', registry: 'bad-name', plan: 'p', site: 'site' })).toThrow(
      /registry name "bad-name"/,
    );
  });
});

describe('linuxFxVersion', () => {
  it('is DOCKER|<loginServer>/<repo>:<tag>', () => {
    expect(linuxFxVersion({ loginServer: 'demo.azurecr.io', repository: 'sample-api', tag: 'v1' })).toBe(
      'DOCKER|demo.azurecr.io/sample-api:v1',
    );
    expect(linuxFxVersion({ loginServer: '127.0.0.1:41234', repository: 'sample-api', tag: 'abc123' })).toBe(
      'DOCKER|127.0.0.1:41234/sample-api:abc123',
    );
  });

  it('rejects a repository docker would refuse', () => {
    expect(() => linuxFxVersion({ loginServer: 'x.azurecr.io', repository: 'Sample', tag: 'v1' })).toThrow(
      /image repository name "Sample"/,
    );
  });
});
