import { describe, expect, it } from 'vitest';
import { tellingLine } from './container-logs.ts';

describe('tellingLine', () => {
  it('prefers the last failure over a later retry line', () => {
    const logs = [
      'INFO  - Pulling image: 127.0.0.1:5000/api:v1',
      'ERROR - Pulling docker image 127.0.0.1:5000/api:v1 failed: unauthorized',
      'ERROR - Image pull failed: Verify docker image configuration and credentials',
      'INFO  - Pulling image: 127.0.0.1:5000/api:v1',
      '',
    ].join('\n');
    expect(tellingLine(logs)).toBe('ERROR - Image pull failed: Verify docker image configuration and credentials');
  });

  it('falls back to the last line, and cuts long ones', () => {
    expect(tellingLine('a\nb\n')).toBe('b');
    expect(tellingLine('')).toBe('');
    expect(tellingLine('x'.repeat(300), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
